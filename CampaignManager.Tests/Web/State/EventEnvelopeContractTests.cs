using System.Text.Json;
using System.Text.RegularExpressions;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Domain.Structures;
using CampaignManager.Tests.Domain.DomainTestSupport;
using CampaignManager.Tests.TestSupport;

namespace CampaignManager.Tests.Web.State;

/// <summary>Pins the wire contract of ARCHITECTURE.md §4: names, order, casing and formats of the envelope.</summary>
[Trait(TestCategories.Trait, TestCategories.Unit)]
public partial class EventEnvelopeContractTests
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex UtcMilliseconds();

    [Fact]
    public async Task WhenAStructureIsRenamed_ThenItsEventHasTheContractedShape()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var actor = DemoActors.GameMaster with { Source = EventSources.Api, CorrelationId = "req-42" };

        await domain.Structures.UpdateAsync(actor, domain.MillId, new StructureUpdate(Name: "Watermill"), ct: TestContext.Current.CancellationToken);

        var row = domain.Observer.CommittedChanges.Single().Events
            .Single(e => e.Audience == Visibility.Everyone && e.Type == CampaignEventNames.StructureUpdated);
        using var json = JsonDocument.Parse(row.Envelope);
        var root = json.RootElement;
        Assert.Equal(["type", "id", "campaignId", "sequence", "timestamp", "rooms", "visibility", "metadata", "payload"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("structure_updated", root.GetProperty("type").GetString());
        Assert.Equal(row.Id, root.GetProperty("id").GetGuid());
        Assert.Equal(domain.CampaignId, root.GetProperty("campaignId").GetGuid());
        Assert.Equal(row.Sequence, root.GetProperty("sequence").GetInt64());
        Assert.Matches(UtcMilliseconds(), root.GetProperty("timestamp").GetString());
        Assert.Equal(
            [$"campaign:{domain.CampaignId}", $"settlement:{domain.BrindleholdId}", $"structure:{domain.MillId}"],
            root.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Everyone", root.GetProperty("visibility").GetString());
        var metadata = root.GetProperty("metadata");
        Assert.Equal(DemoActors.GameMaster.UserId, metadata.GetProperty("userId").GetString());
        Assert.Equal("api", metadata.GetProperty("source").GetString());
        Assert.Equal("req-42", metadata.GetProperty("correlationId").GetString());
        var payload = root.GetProperty("payload");
        Assert.Equal("update", payload.GetProperty("operation").GetString());
        Assert.Equal(domain.MillId, payload.GetProperty("structureId").GetGuid());
        Assert.Equal(domain.BrindleholdId, payload.GetProperty("settlementId").GetGuid());
        Assert.Equal(["name"], payload.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("Mara renamed Mill to Watermill", payload.GetProperty("summary").GetString());
        Assert.Equal("Watermill", payload.GetProperty("structure").GetProperty("name").GetString());
    }

    [Fact]
    public async Task WhenTheClockMoves_ThenWorldTimeChangedCarriesPreviousNewAndElapsed()
    {
        await using var domain = await DomainFixture.CreateAsync();
        var before = (await domain.CampaignRowAsync()).WorldTime;

        await domain.WorldTime.AdvanceAsync(DemoActors.GameMaster, domain.CampaignId, 3 * 86_400, ct: TestContext.Current.CancellationToken);

        var row = domain.Observer.CommittedChanges.Single().Events.First(e => e.Audience == Visibility.Everyone);
        using var json = JsonDocument.Parse(row.Envelope);
        var payload = json.RootElement.GetProperty("payload");
        Assert.Equal("world_time_changed", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(before, payload.GetProperty("previousWorldTime").GetInt64());
        Assert.Equal(before + (3 * 86_400), payload.GetProperty("newWorldTime").GetInt64());
        Assert.Equal(3 * 86_400, payload.GetProperty("elapsedSeconds").GetInt64());
        Assert.Single(payload.GetProperty("kingdomTurnsDue").EnumerateArray());
        Assert.Equal([$"campaign:{domain.CampaignId}"], json.RootElement.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task WhenAShrineMakesBrindleholdOvercrowded_ThenStateInvalidatedCarriesTheNewValue()
    {
        await using var domain = await DomainFixture.CreateAsync();

        await domain.Structures.CreateAsync(DemoActors.GameMaster, domain.BrindleholdId, new StructureInput("shrine", Block: 3), TestContext.Current.CancellationToken);

        var row = domain.Observer.CommittedChanges.Single().Events
            .Single(e => e.Audience == Visibility.Everyone && e.Type == CampaignEventNames.StateInvalidated);
        using var json = JsonDocument.Parse(row.Envelope);
        var payload = json.RootElement.GetProperty("payload");
        var brindlehold = payload.GetProperty("settlements").EnumerateArray().Single(s => s.GetProperty("settlementId").GetGuid() == domain.BrindleholdId);
        Assert.True(brindlehold.GetProperty("overcrowded").GetBoolean());
        Assert.Contains(domain.BrindleholdId, payload.GetProperty("entityIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Contains($"settlement:{domain.BrindleholdId}", json.RootElement.GetProperty("rooms").EnumerateArray().Select(r => r.GetString()));
    }
}
