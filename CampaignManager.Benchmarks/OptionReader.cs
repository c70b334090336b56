namespace CampaignManager.Benchmarks;

/// <summary>Reads <c>scenario --name value …</c>: each option's value goes to its handler, which returns an error or null.</summary>
internal static class OptionReader
{
    /// <returns>False for --help (with <paramref name="error"/> null) or a wrong argument (with it set).</returns>
    public static bool Read(IReadOnlyList<string> args, IReadOnlyDictionary<string, Func<string, string?>> handlers, out string? error)
    {
        error = null;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                return false;
            }

            if (!handlers.TryGetValue(arg, out var handler))
            {
                error = $"Unknown option '{arg}'.";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{arg} needs a value.";
                return false;
            }

            error = handler(args[++i]);
            if (error is not null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or the error.</summary>
    public static string? Int(string name, string value, int min, int max, Action<int> set)
    {
        string? error = null;
        var n = BenchmarkOptions.Int(name, value, min, max, ref error);
        if (error is null)
        {
            set(n);
        }

        return error;
    }
}
