using System.Text.Json;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Events;
using CampaignManager.Tests.TestSupport;
using CampaignManager.Web.Realtime;

namespace CampaignManager.Tests.Realtime;

[Trait(TestCategories.Trait, TestCategories.Unit)]
public class CampaignEventMessageTests
{
    [Theory]
    [InlineData(Visibility.GameMasters)]
    [InlineData(Visibility.Everyone)]
    public void WhenAMessageGoesOverTheWire_ThenItComesBackWithTheSameAudienceAndTheEnvelopeUnchanged(Visibility audience)
    {
        var campaign = Guid.CreateVersion7();
        var settlement = Guid.CreateVersion7();
        var row = RealtimeTestMessages.Row(campaign, 42, audience, RoomNames.Campaign(campaign), RoomNames.Settlement(settlement));
        var message = CampaignEventMessage.From(row);

        var wire = message.ToWire();
        var back = CampaignEventMessage.FromWire(wire);

        Assert.Equal(audience, back.Audience);
        Assert.Equal(row.Envelope, back.EnvelopeJson);
        Assert.Equal(campaign, back.CampaignId);
        Assert.Equal(42, back.Sequence);
        Assert.Equal(row.Id, back.Envelope.Id);
        Assert.Equal(row.Timestamp.ToUnixTimeMilliseconds(), back.Envelope.Timestamp.ToUnixTimeMilliseconds());
        Assert.Equal([RoomNames.Campaign(campaign), RoomNames.Settlement(settlement)], back.Envelope.Rooms);
        Assert.Equal(CampaignEventNames.SettlementUpdated, back.Envelope.Type);
        Assert.Equal("Mara", back.Envelope.Metadata.UserName);
        Assert.Equal("update", back.Envelope.Payload.GetProperty("operation").GetString());

        // The wire form is the §4 envelope, camelCase with enum names, wrapped with its audience.
        using var document = JsonDocument.Parse(wire);
        Assert.Equal(audience.ToString(), document.RootElement.GetProperty("audience").GetString());
        var envelope = document.RootElement.GetProperty("envelope");
        Assert.Equal(campaign, envelope.GetProperty("campaignId").GetGuid());
        Assert.Equal(42, envelope.GetProperty("sequence").GetInt64());
        Assert.Equal(audience.ToString(), envelope.GetProperty("visibility").GetString());
    }
}
