using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.State.Campaigns;

namespace CampaignManager.Tests.Web.State;

/// <summary>What just changed is lit for <see cref="Highlights.Duration"/>, then not, with nothing dispatched when it ends.</summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public class HighlightsTests
{
    private static readonly Guid Settlement = Guid.CreateVersion7();
    private static readonly Guid Structure = Guid.CreateVersion7();

    [Fact]
    public void WhenAnEventChangesAnEntity_ThenItIsLitUntilTheFadeHasRunAndThenNot()
    {
        var clock = new SteppedClock();

        var lit = Highlights.None.With([Settlement], sequence: 8, clock);

        Assert.True(lit.IsLit(Settlement));
        Assert.Equal(Highlights.CssClass, lit.CssClassFor(Settlement));
        Assert.False(lit.IsLit(Structure));
        Assert.Null(lit.CssClassFor(Structure));

        clock.Advance(Highlights.Duration - TimeSpan.FromMilliseconds(1));
        Assert.True(lit.IsLit(Settlement));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(lit.IsLit(Settlement));
        Assert.Null(lit.CssClassFor(Settlement));
    }

    [Fact]
    public void WhenTheSameEntityChangesAgainMidFade_ThenItsClassChangesSoTheFadeStartsOver()
    {
        var clock = new SteppedClock();
        var first = Highlights.None.With([Settlement], sequence: 8, clock);
        clock.Advance(Highlights.Duration / 2);

        var second = first.With([Settlement], sequence: 9, clock);
        var third = second.With([Settlement], sequence: 10, clock);

        Assert.Equal(Highlights.AgainCssClass, second.CssClassFor(Settlement));
        Assert.Equal(Highlights.CssClass, third.CssClassFor(Settlement));
        // Lit for a whole fade from the latest change, not from the first.
        clock.Advance(Highlights.Duration - TimeSpan.FromMilliseconds(1));
        Assert.False(first.IsLit(Settlement));
        Assert.True(third.IsLit(Settlement));
    }

    [Fact]
    public void WhenTheNextChangeComesAfterAFadeEnded_ThenTheEndedHighlightIsDropped()
    {
        var clock = new SteppedClock();
        var settlementLit = Highlights.None.With([Settlement], sequence: 8, clock);
        clock.Advance(Highlights.Duration);

        var structureLit = settlementLit.With([Structure], sequence: 9, clock);

        Assert.Equal(1, structureLit.Count);
        Assert.True(structureLit.IsLit(Structure));
        Assert.Equal(1, settlementLit.Count); // Immutable: the earlier value is unchanged.
    }
}
