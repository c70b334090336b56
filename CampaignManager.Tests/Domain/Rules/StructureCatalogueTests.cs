using CampaignManager.Domain.Kingdoms;
using CampaignManager.Domain.Rules;
using CampaignManager.Domain.Structures;

namespace CampaignManager.Tests.Domain.Rules;

public sealed class StructureCatalogueTests
{
    [Fact]
    public void WhenTheCatalogueIsListed_ThenKeysAreUniqueAndLotsAreNotNegative()
    {
        Assert.InRange(StructureCatalogue.All.Count, 15, 30);
        Assert.Equal(StructureCatalogue.All.Count, StructureCatalogue.All.Select(s => s.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.All(StructureCatalogue.All, s => Assert.True(s.Lots >= 0, s.Key));
    }

    [Theory]
    [InlineData("houses", "Houses")]
    [InlineData("town-hall", "Town Hall")]
    [InlineData("mill", "Mill")]
    [InlineData("popular-tavern", "Popular Tavern")]
    [InlineData("granary", "Granary")]
    [InlineData("lumberyard", "Lumberyard")]
    [InlineData("shrine", "Shrine")]
    [InlineData("inn", "Inn")]
    public void WhenADemoStructureIsLookedUp_ThenItIsFound(string key, string name)
    {
        Assert.True(StructureCatalogue.TryGet(key, out var definition));
        Assert.Equal(name, definition.Name);
        Assert.Same(definition, StructureCatalogue.Get(key));
    }

    [Fact]
    public void WhenHousesAreLookedUp_ThenTheyFillOneResidentialLot()
    {
        var houses = StructureCatalogue.Get("houses");

        Assert.Equal(1, houses.Lots);
        Assert.True(houses.HasTrait(StructureTrait.Residential));
    }

    [Fact]
    public void WhenTheMillIsLookedUp_ThenItReducesConsumptionAndHelpsHarvestCrops()
    {
        var mill = StructureCatalogue.Get("mill").Effects;

        Assert.Equal(1, mill.ConsumptionReduction);
        Assert.Equal(1, mill.ItemBonuses[KingdomChecks.HarvestCrops]);
    }

    [Fact]
    public void WhenTheGranaryAndLumberyardAreLookedUp_ThenTheyStoreFoodAndLumber()
    {
        var lumberyard = StructureCatalogue.Get("lumberyard");

        Assert.Equal(1, StructureCatalogue.Get("granary").Effects.Storage[Commodity.Food]);
        Assert.True(lumberyard.HasTrait(StructureTrait.Yard));
        Assert.Equal(1, lumberyard.Effects.Storage[Commodity.Lumber]);
    }

    [Fact]
    public void WhenTheInnIsLookedUp_ThenItIsResidential() =>
        Assert.True(StructureCatalogue.Get("inn").HasTrait(StructureTrait.Residential));

    [Fact]
    public void WhenAnUnknownKeyIsLookedUp_ThenTryGetFailsAndGetExplains()
    {
        Assert.False(StructureCatalogue.TryGet("castle-in-the-sky", out _));

        var error = Assert.Throws<KeyNotFoundException>(() => StructureCatalogue.Get("castle-in-the-sky"));
        Assert.Contains("'castle-in-the-sky'", error.Message);
        Assert.Contains("houses", error.Message);
    }
}
