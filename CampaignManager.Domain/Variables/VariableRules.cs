using System.Globalization;
using System.Text.RegularExpressions;
using CampaignManager.Domain.Common;

namespace CampaignManager.Domain.Variables;

/// <summary>
/// Validates schemas and values. Values are stored as invariant-culture strings in one canonical
/// form per type ("3", "2.5", "true"), so equal values compare equal and no-op updates are detectable.
/// </summary>
public static partial class VariableRules
{
    public const int MaxTextLength = 500;
    public const int MaxVariables = 50;

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]{0,39}$")]
    private static partial Regex KeyPattern();

    /// <summary>Checks a set of schemas; returns messages, empty when valid.</summary>
    public static IReadOnlyList<string> ValidateSchemas(IReadOnlyList<VariableSchema> schemas)
    {
        var errors = new List<string>();
        if (schemas.Count > MaxVariables)
        {
            errors.Add($"At most {MaxVariables} variables are allowed (got {schemas.Count}).");
        }

        foreach (var group in schemas.GroupBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Variable '{group.Key}' is declared more than once.");
        }

        foreach (var schema in schemas)
        {
            if (!KeyPattern().IsMatch(schema.Key ?? ""))
            {
                errors.Add($"Variable key '{schema.Key}' must start with a letter and hold at most 40 letters, digits or underscores.");
            }

            if (string.IsNullOrWhiteSpace(schema.Label) || schema.Label.Length > Validator.MaxNameLength)
            {
                errors.Add($"Variable '{schema.Key}' needs a label of 1 to {Validator.MaxNameLength} characters.");
            }

            if (!Enum.IsDefined(schema.Type))
            {
                errors.Add($"Variable '{schema.Key}' has an unknown type.");
            }

            if (schema.Type == VariableType.Choice && (schema.Choices is null || schema.Choices.Count == 0 || schema.Choices.Any(string.IsNullOrWhiteSpace)))
            {
                errors.Add($"Choice variable '{schema.Key}' needs at least one non-empty choice.");
            }

            if (schema.Min is { } min && schema.Max is { } max && min > max)
            {
                errors.Add($"Variable '{schema.Key}' has a minimum above its maximum.");
            }
        }

        return errors;
    }

    /// <summary>
    /// Turns a raw value into its canonical stored form, or returns an error message.
    /// A null or empty raw value clears the variable.
    /// </summary>
    public static bool TryNormalize(VariableSchema schema, string? raw, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        raw = raw.Trim();
        switch (schema.Type)
        {
            case VariableType.Integer:
                if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
                {
                    error = $"{schema.Label} must be a whole number (got '{Shorten(raw)}').";
                    return false;
                }

                value = integer.ToString(CultureInfo.InvariantCulture);
                return InRange(schema, integer, ref error);
            case VariableType.Decimal:
                if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    error = $"{schema.Label} must be a number (got '{Shorten(raw)}').";
                    return false;
                }

                value = number.ToString("0.############################", CultureInfo.InvariantCulture);
                return InRange(schema, number, ref error);
            case VariableType.Boolean:
                if (!bool.TryParse(raw, out var flag))
                {
                    error = $"{schema.Label} must be true or false (got '{Shorten(raw)}').";
                    return false;
                }

                value = flag ? "true" : "false";
                return true;
            case VariableType.Text:
                if (raw.Length > MaxTextLength)
                {
                    error = $"{schema.Label} must be at most {MaxTextLength} characters (it has {raw.Length}).";
                    return false;
                }

                value = raw;
                return true;
            case VariableType.Choice:
                var choice = schema.Choices?.FirstOrDefault(c => string.Equals(c, raw, StringComparison.OrdinalIgnoreCase));
                if (choice is null)
                {
                    error = $"{schema.Label} must be one of: {string.Join(", ", schema.Choices ?? [])} (got '{Shorten(raw)}').";
                    return false;
                }

                value = choice;
                return true;
            default:
                error = $"{schema.Label} has an unknown type.";
                return false;
        }
    }

    private static bool InRange(VariableSchema schema, decimal number, ref string? error)
    {
        if (schema.Min is { } min && number < min)
        {
            error = $"{schema.Label} must be at least {min.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        if (schema.Max is { } max && number > max)
        {
            error = $"{schema.Label} must be at most {max.ToString(CultureInfo.InvariantCulture)}.";
            return false;
        }

        return true;
    }

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}
