namespace CampaignManager.Domain.Variables;

/// <summary>An entity with typed, schema-checked variables (settlements and structures).</summary>
public interface IHasVariables
{
    List<VariableSchema> VariableSchemas { get; set; }

    Dictionary<string, string> Variables { get; set; }
}
