using CampaignManager.Domain.Calendars;
using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;
using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Persistence;
using CampaignManager.Domain.Settlements;
using CampaignManager.Domain.Structures;
using CampaignManager.Domain.Variables;
using Microsoft.EntityFrameworkCore;

namespace CampaignManager.Domain.Demo;

/// <summary>"The Vellmark Charter" of DOMAIN.md, created on an empty database when <c>Seed:Demo</c> is on.</summary>
public static class DemoCampaign
{
    public const string Name = "The Vellmark Charter";

    /// <summary>Creates the campaign unless any campaign exists. <paramref name="userIds"/> maps demo emails to account ids.</summary>
    public static async Task<bool> SeedAsync(IDbContextFactory<CampaignDbContext> dbFactory, IReadOnlyDictionary<string, string> userIds, TimeProvider time, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Campaigns.AnyAsync(ct))
        {
            return false;
        }

        db.Campaigns.Add(Build(userIds, time));
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static Campaign Build(IReadOnlyDictionary<string, string> userIds, TimeProvider time)
    {
        var campaign = new Campaign
        {
            Name = Name,
            Description = "The River Kingdoms charter of Vellmark: three settlements, one stubborn council, and a winter coming.",
            Calendar = VellmarkCalendar.Create(),
            WorldTime = VellmarkCalendar.DemoNow,
            CreatedAt = time.GetUtcNow(),
        };
        foreach (var account in DemoAccount.All.Where(a => a.Role is not null))
        {
            campaign.Members.Add(new CampaignMember
            {
                CampaignId = campaign.Id,
                UserId = userIds[account.Email],
                DisplayName = account.DisplayName,
                Email = account.Email,
                Role = account.Role!.Value,
            });
        }

        var kingdom = new Kingdom
        {
            CampaignId = campaign.Id,
            Name = "Vellmark",
            Level = 3,
            SizeHexes = 12,
            Culture = 14,
            Economy = 12,
            Loyalty = 14,
            Stability = 16,
            Unrest = 3,
            FarmlandHexes = 2,
            Commodities = new() { [Commodity.Food] = 4, [Commodity.Lumber] = 3, [Commodity.Stone] = 1 },
            WorkSites = new() { ["Lumber camp"] = 1, ["Quarry"] = 1 },
            Leadership = new()
            {
                [LeadershipSeat.Ruler] = "Oskar",
                [LeadershipSeat.General] = "Idris",
                [LeadershipSeat.Emissary] = "Tamsin",
                [LeadershipSeat.Magister] = "Aldo Pell",
                [LeadershipSeat.Marshal] = "Idris",
                [LeadershipSeat.Treasurer] = "Tamsin",
                [LeadershipSeat.Viceroy] = "Wren Halloway",
                [LeadershipSeat.Warden] = "Oskar",
            },
        };
        campaign.Kingdoms.Add(kingdom);

        var brindlehold = Settlement(kingdom, "Brindlehold", SettlementType.Town, blocks: 2, capital: true, population: 1_450);
        brindlehold.VariableSchemas =
        [
            new VariableSchema("marketDay", "Market day", VariableType.Choice, Choices: ["Marketday", "Feastday", "Restday"]),
            new VariableSchema("militia", "Militia", VariableType.Integer, Min: 0, Max: 500),
        ];
        brindlehold.Variables = new() { ["marketDay"] = "Marketday", ["militia"] = "40" };
        Build(brindlehold, "town-hall", "Town Hall", 1);
        Build(brindlehold, "houses", "Houses", 1);
        Build(brindlehold, "houses", "Houses", 2);
        Build(brindlehold, "mill", "Mill", 1);
        var tavern = Build(brindlehold, "popular-tavern", "Popular Tavern", 2);
        tavern.VariableSchemas =
        [
            new VariableSchema("ale", "House ale", VariableType.Text),
            new VariableSchema("rooms", "Rooms", VariableType.Integer, Min: 0, Max: 40),
            new VariableSchema("secretTunnel", "Secret tunnel", VariableType.Boolean, Visibility.GameMasters),
        ];
        tavern.Variables = new() { ["ale"] = "Goose Amber", ["rooms"] = "6", ["secretTunnel"] = "true" };
        Build(brindlehold, "granary", "Granary", 2);

        var tallowford = Settlement(kingdom, "Tallowford", SettlementType.Village, blocks: 1, capital: false, population: 320);
        Build(tallowford, "houses", "Houses", 1);
        Build(tallowford, "lumberyard", "Lumberyard", 1);
        Build(tallowford, "shrine", "Shrine", 1);

        var greywater = Settlement(kingdom, "Greywater Landing", SettlementType.Village, blocks: 1, capital: false, population: 90);
        greywater.Visibility = Visibility.GameMasters;
        Build(greywater, "inn", "Inn", 1);
        return campaign;
    }

    private static Settlement Settlement(Kingdom kingdom, string name, SettlementType type, int blocks, bool capital, int population)
    {
        var settlement = new Settlement
        {
            KingdomId = kingdom.Id,
            Name = name,
            Type = type,
            Level = type == SettlementType.Town ? 3 : 1,
            OccupiedBlocks = blocks,
            IsCapital = capital,
            Population = population,
        };
        kingdom.Settlements.Add(settlement);
        return settlement;
    }

    private static Structure Build(Settlement settlement, string key, string name, int block)
    {
        var structure = new Structure
        {
            SettlementId = settlement.Id,
            Name = name,
            CatalogueKey = key,
            Level = StructureCatalogue.Get(key).Level,
            Block = block,
        };
        settlement.Structures.Add(structure);
        return structure;
    }
}
