namespace Backlot.Infrastructure;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>A line-by-line diff (longest common subsequence), for showing what a revision changed.</summary>
public static class LineDiff
{
    /// <summary>Above this many lines on either side the diff is given as "all removed, all added" rather than computed.</summary>
    public const int MaxLines = 4000;

    public static IReadOnlyList<DiffLine> Compare(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);
        if (a.Length > MaxLines || b.Length > MaxLines)
        {
            return [.. a.Select(l => new DiffLine(DiffKind.Removed, l)), .. b.Select(l => new DiffLine(DiffKind.Added, l))];
        }

        // lengths[i, j]: the longest common subsequence of a[i..] and b[j..].
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add(new(DiffKind.Same, a[x++]));
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                result.Add(new(DiffKind.Removed, a[x++]));
            }
            else
            {
                result.Add(new(DiffKind.Added, b[y++]));
            }
        }

        result.AddRange(a.Skip(x).Select(l => new DiffLine(DiffKind.Removed, l)));
        result.AddRange(b.Skip(y).Select(l => new DiffLine(DiffKind.Added, l)));
        return result;
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
