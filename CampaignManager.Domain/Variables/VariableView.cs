using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Variables;

/// <summary>A variable as one viewer sees it: its schema and its stored value (null when unset).</summary>
public sealed record VariableView(VariableSchema Schema, string? Value)
{
    public bool IsGameMasterOnly => Schema.Visibility == Visibility.GameMasters;

    /// <summary>Only the variables the audience may see; GM-only ones never leave the domain for players.</summary>
    internal static IReadOnlyList<VariableView> Visible(IHasVariables entity, CampaignManager.Domain.Campaigns.CampaignAccess access) =>
        entity.VariableSchemas
            .Where(s => access.CanSee(s.Visibility))
            .Select(s => new VariableView(s, entity.Variables.GetValueOrDefault(s.Key)))
            .ToList();
}
