namespace CampaignManager.Domain.Common;

/// <summary>Collects field errors of one command and throws them together.</summary>
internal sealed class Validator
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2000;

    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Trims a name and checks it is present and not too long; returns the trimmed value.</summary>
    public string? Name(string field, string? value, string label = "Name")
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            Add(field, $"{label} is required.");
        }
        else if (trimmed.Length > MaxNameLength)
        {
            Add(field, $"{label} must be at most {MaxNameLength} characters (it has {trimmed.Length}).");
        }

        return trimmed;
    }

    public string? Description(string field, string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxDescriptionLength)
        {
            Add(field, $"Description must be at most {MaxDescriptionLength} characters (it has {trimmed.Length}).");
        }

        return trimmed;
    }

    public void Range(string field, int? value, int min, int max, string label)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, $"{label} must be between {min} and {max} (got {v}).");
        }
    }

    public void Defined<TEnum>(string field, TEnum? value, string label)
        where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            Add(field, $"{label} '{v}' is not one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new DomainValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
