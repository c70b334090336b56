namespace CampaignManager.Domain.Rules;

/// <summary>
/// Wire names of derived values, as reported in <see cref="DerivedValuesChange.ChangedValues"/> and in
/// <c>state_invalidated</c> payloads (camelCase, like the JSON property names).
/// </summary>
public static class DerivedValueNames
{
    // Kingdom scope.
    public const string AbilityModifiers = "abilityModifiers";
    public const string ResourceDice = "resourceDice";
    public const string ControlDc = "controlDc";
    public const string UnrestPenalty = "unrestPenalty";
    public const string VacancyPenalties = "vacancyPenalties";
    public const string FoodConsumption = "foodConsumption";
    public const string CommodityCapacity = "commodityCapacity";

    // Both scopes.
    public const string ItemBonuses = "itemBonuses";

    // Settlement scope.
    public const string Consumption = "consumption";
    public const string Overcrowded = "overcrowded";
    public const string ResidentialLots = "residentialLots";
    public const string MaxItemBonus = "maxItemBonus";

    /// <summary>The entity had derived values before and has none now (deleted or moved out of the campaign).</summary>
    public const string Removed = "removed";
}
