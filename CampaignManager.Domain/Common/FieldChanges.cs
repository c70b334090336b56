namespace CampaignManager.Domain.Common;

/// <summary>Applies proposed values that differ from the current ones and remembers which fields changed.</summary>
internal sealed class FieldChanges
{
    private readonly List<string> _fields = [];

    public IReadOnlyList<string> Fields => _fields;

    public bool Any => _fields.Count > 0;

    public bool Contains(string field) => _fields.Contains(field);

    public void Set(string field, string current, string? proposed, Action<string> assign)
    {
        if (proposed is not null && !string.Equals(current, proposed, StringComparison.Ordinal))
        {
            assign(proposed);
            _fields.Add(field);
        }
    }

    public void Set<T>(string field, T current, T? proposed, Action<T> assign)
        where T : struct
    {
        if (proposed is { } value && !EqualityComparer<T>.Default.Equals(current, value))
        {
            assign(value);
            _fields.Add(field);
        }
    }

    public void Mark(string field)
    {
        if (!_fields.Contains(field))
        {
            _fields.Add(field);
        }
    }
}
