namespace CampaignManager.Domain.Calendars;

/// <summary>"Vellmark Reckoning", the calendar of the demo campaign (DOMAIN.md, "Demo campaign").</summary>
public static class VellmarkCalendar
{
    /// <summary>
    /// "Now" in the demo campaign: 27 Emberfall 4712, 18:00 — Firstday, Autumn, full moon
    /// (986 days and 18 hours after the epoch, 1 Deepfrost 4710).
    /// </summary>
    public const long DemoNow = 85_255_200;

    /// <summary>Creates the demo calendar.</summary>
    /// <remarks>
    /// The epoch (1 Deepfrost 4710) is a Hearthday with the Ember moon 7 days old; both are chosen so that
    /// <see cref="DemoNow"/> reads exactly as the demo describes it.
    /// </remarks>
    public static Calendar Create() => new(
        Name: "Vellmark Reckoning",
        EpochYear: 4710,
        Months:
        [
            new("Deepfrost", 30, "Winter"),
            new("Thawing", 30, "Winter"),
            new("Seedtide", 30, "Spring"),
            new("Greenmoot", 30, "Spring"),
            new("Brightmere", 30, "Spring"),
            new("Highsun", 30, "Summer"),
            new("Goldreap", 30, "Summer"),
            new("Harvestide", 30, "Summer"),
            new("Emberfall", 30, "Autumn"),
            new("Mistwane", 30, "Autumn"),
            new("Frosthold", 30, "Autumn"),
            new("Yearsend", 30, "Winter"),
        ],
        Weekdays: ["Firstday", "Hearthday", "Marketday", "Forgeday", "Wellday", "Feastday", "Restday"],
        SecondsPerDay: 86_400,
        FirstWeekdayOffset: 1,
        Moons: [new("Ember", 28, 7)],
        KingdomTurnHour: 18);
}
