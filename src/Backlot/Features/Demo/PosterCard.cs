using NetVips;

namespace Backlot.Features.Demo;

/// <summary>
/// Draws the demo site's images locally, so a fresh install needs no download: a poster-like card
/// with a diagonal gradient in colours derived from the title, a frame and the title set in type.
/// </summary>
internal static class PosterCard
{
    public const int Width = 1600;
    public const int Height = 900;

    public static byte[] Draw(string title, string? label)
    {
        var (from, to) = Palette(title);
        using var xyz = Image.Xyz(Width, Height);
        using var x = xyz[0];
        using var y = xyz[1];

        // t runs 0→1 along the diagonal; each band blends from one colour to the other.
        using var t = (x * 0.6 + y * 0.4) / (Width * 0.6 + Height * 0.4);
        using var r = t * (to[0] - from[0]) + from[0];
        using var g = t * (to[1] - from[1]) + from[1];
        using var b = t * (to[2] - from[2]) + from[2];
        using var joined = r.Bandjoin(g, b);
        using var background = joined.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);

        var framed = background.Mutate(m =>
        {
            m.DrawRect([255, 255, 255], 48, 48, Width - 96, Height - 96, fill: false);
            m.DrawRect([255, 255, 255], 52, 52, Width - 104, Height - 104, fill: false);
        });
        var card = WithText(framed, title, label);
        using (card)
        {
            return card.JpegsaveBuffer(q: 88, keep: Enums.ForeignKeep.None);
        }
    }

    private static Image WithText(Image card, string title, string? label)
    {
        try
        {
            using var titleMask = Image.Text(Escape(title), font: "sans bold 96", width: Width - 280, align: Enums.Align.Low, wrap: Enums.TextWrap.Word);
            var withTitle = Stamp(card, titleMask, 120, Height - 140 - titleMask.Height);
            if (string.IsNullOrWhiteSpace(label))
            {
                return withTitle;
            }

            using var labelMask = Image.Text(Escape(label.ToUpperInvariant()), font: "sans 40", width: Width - 280);
            var result = Stamp(withTitle, labelMask, 124, 120);
            withTitle.Dispose();
            return result;
        }
        catch (VipsException)
        {
            return card; // no fonts on this machine: the card still has its colours and frame
        }
    }

    private static Image Stamp(Image card, Image mask, int left, int top)
    {
        using var white = mask.NewFromImage([255, 255, 255]);
        using var overlay = white.Bandjoin(mask).Copy(interpretation: Enums.Interpretation.Srgb);
        using var composed = card.Composite2(overlay, Enums.BlendMode.Over, x: left, y: Math.Max(80, top));
        return composed.Flatten().Cast(Enums.BandFormat.Uchar);
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Two dark, saturated colours picked from the title's hash: the same title always gets the same card.</summary>
    private static (double[] From, double[] To) Palette(string title)
    {
        var hash = 17;
        foreach (var c in title)
        {
            hash = unchecked((hash * 31) + c);
        }

        var hue = (hash & 0x7fffffff) % 360;
        return (Hsl(hue, 0.65, 0.22), Hsl((hue + 40) % 360, 0.7, 0.38));
    }

    private static double[] Hsl(double hue, double saturation, double lightness)
    {
        var c = (1 - Math.Abs((2 * lightness) - 1)) * saturation;
        var x = c * (1 - Math.Abs((hue / 60 % 2) - 1));
        var m = lightness - (c / 2);
        var (r, g, b) = hue switch
        {
            < 60 => (c, x, 0d),
            < 120 => (x, c, 0d),
            < 180 => (0d, c, x),
            < 240 => (0d, x, c),
            < 300 => (x, 0d, c),
            _ => (c, 0d, x),
        };
        return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
    }
}
