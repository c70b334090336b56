using CampaignManager.Domain.Campaigns;
using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Variables;

/// <summary>Schema and value changes shared by settlements and structures.</summary>
internal static class VariableCommands
{
    /// <summary>
    /// Applies proposed values (key → raw text; null or empty clears). Unknown keys, and GM-only keys
    /// for players, are rejected as "no such variable" so hidden variables cannot be probed.
    /// </summary>
    /// <returns>The keys whose value changed; empty for a no-op.</returns>
    public static IReadOnlyCollection<string> ApplyValues(IHasVariables entity, IReadOnlyDictionary<string, string?> proposed, CampaignAccess access)
    {
        var validator = new Validator();
        var next = new Dictionary<string, string>(entity.Variables);
        foreach (var (key, raw) in proposed)
        {
            var schema = entity.VariableSchemas.FirstOrDefault(s => s.Key == key);
            if (schema is null || !access.CanSee(schema.Visibility))
            {
                validator.Add($"variables.{key}", $"There is no variable '{key}'.");
                continue;
            }

            if (!VariableRules.TryNormalize(schema, raw, out var value, out var error))
            {
                validator.Add($"variables.{key}", error!);
                continue;
            }

            if (value is null)
            {
                next.Remove(key);
            }
            else
            {
                next[key] = value;
            }
        }

        validator.ThrowIfInvalid();
        var changed = next.Keys.Union(entity.Variables.Keys)
            .Where(key => next.GetValueOrDefault(key) != entity.Variables.GetValueOrDefault(key))
            .ToList();
        if (changed.Count > 0)
        {
            entity.Variables = next;
        }

        return changed;
    }

    /// <summary>True when every changed key is GM-only: players must not even learn that something changed.</summary>
    public static bool OnlyGameMasterKeys(IHasVariables entity, IReadOnlyCollection<string> changedKeys) =>
        changedKeys.All(key => entity.VariableSchemas.FirstOrDefault(s => s.Key == key)?.Visibility == Visibility.GameMasters);

    /// <summary>The schemas and values players see, as one comparable string.</summary>
    public static string PlayerView(IHasVariables entity) =>
        System.Text.Json.JsonSerializer.Serialize(entity.VariableSchemas.Where(s => s.Visibility == Visibility.Everyone)
            .Select(s => new { Schema = s, Value = entity.Variables.GetValueOrDefault(s.Key) }));

    /// <summary>Replaces the schemas (game masters only); values that no longer fit their schema are dropped.</summary>
    public static bool ApplySchemas(IHasVariables entity, IReadOnlyList<VariableSchema> schemas)
    {
        var errors = VariableRules.ValidateSchemas(schemas);
        if (errors.Count > 0)
        {
            throw new DomainValidationException(new Dictionary<string, string[]> { ["variableSchemas"] = [.. errors] });
        }

        if (schemas.SequenceEqual(entity.VariableSchemas))
        {
            return false;
        }

        var kept = new Dictionary<string, string>();
        foreach (var schema in schemas)
        {
            if (entity.Variables.TryGetValue(schema.Key, out var raw) &&
                VariableRules.TryNormalize(schema, raw, out var value, out _) && value is not null)
            {
                kept[schema.Key] = value;
            }
        }

        entity.VariableSchemas = [.. schemas];
        entity.Variables = kept;
        return true;
    }
}
