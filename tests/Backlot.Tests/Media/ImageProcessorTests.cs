using System.Buffers.Binary;
using Backlot.Features.Media;
using NetVips;

namespace Backlot.Tests.Media;

public sealed class ImageProcessorTests : IDisposable
{
    private readonly ImageProcessor processor = new();

    public void Dispose() => processor.Dispose();

    [Fact]
    public void A_small_file_of_a_16_bit_high_resolution_image_is_refused_from_its_header_with_the_limit_named()
    {
        // 25 megapixels, under the pixel limit, but 16-bit RGBA: 200 MB once decoded, a few hundred KB as PNG.
        using var black = Image.Black(5000, 5000, bands: 4);
        using var wide = black.Cast(Enums.BandFormat.Ushort);
        using var deep = wide.Copy(interpretation: Enums.Interpretation.Rgb16);
        var png = deep.PngsaveBuffer(compression: 9, bitdepth: 16);
        Assert.True(png.Length < 2_000_000, $"the test image is {png.Length} bytes");

        var error = Assert.Throws<ImageRejectedException>(() => processor.Process(png));

        Assert.Contains($"at most {ImageProcessor.MaxDecodedBytes / 1_000_000} MB decoded", error.Message, StringComparison.Ordinal);
        Assert.Contains("16 bits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_animation_is_counted_by_all_its_frames()
    {
        // 40 different frames of 1500×1000: at least 4.5 MB each decoded, 180 MB or more in all.
        using var coordinates = Image.Xyz(1500, 1000 * 40);
        using var rows = coordinates[1];
        using var shades = rows % 256;
        using var frames = shades.Cast(Enums.BandFormat.Uchar);
        using var strip = frames.Mutate(m => m.Set(GValue.GIntType, "page-height", 1000));
        var gif = strip.GifsaveBuffer();

        var error = Assert.Throws<ImageRejectedException>(() => processor.Process(gif));

        Assert.Contains("40 frames", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_becomes_a_clean_original_and_webp_and_jpeg_variants_no_wider_than_itself()
    {
        using var source = Image.Black(1000, 500, bands: 3) + new double[] { 200, 40, 40 };
        var png = source.Cast(Enums.BandFormat.Uchar).PngsaveBuffer();

        var result = processor.Process(png);

        Assert.Equal((1000, 500), (result.Width, result.Height));
        Assert.Equal([320, 640, 960, 1000], result.VariantWidths);
        Assert.Contains(result.Files, f => f.Name == "original.png");
        foreach (var width in result.VariantWidths)
        {
            using var webp = Image.NewFromBuffer(result.Files.Single(f => f.Name == $"{width}.webp").Content);
            using var jpeg = Image.NewFromBuffer(result.Files.Single(f => f.Name == $"{width}.jpg").Content);
            Assert.Equal(width, webp.Width);
            Assert.Equal(width, jpeg.Width);
        }
    }

    [Fact]
    public void A_large_image_gets_every_standard_width()
    {
        using var source = Image.Black(1600, 900, bands: 3);
        var result = processor.Process(source.JpegsaveBuffer());

        Assert.Equal(ImageProcessor.VariantWidths, result.VariantWidths);
    }

    [Theory]
    [InlineData("not an image at all")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("GIF89a")]
    public void A_file_that_does_not_decode_as_an_accepted_image_is_rejected(string content)
    {
        var error = Assert.Throws<ImageRejectedException>(() => processor.Process(System.Text.Encoding.UTF8.GetBytes(content)));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_decompression_bomb_is_rejected_from_its_header_before_decoding()
    {
        var bomb = PngHeader(width: 20_000, height: 20_000);

        var error = Assert.Throws<ImageRejectedException>(() => processor.Process(bomb));

        Assert.Contains("megapixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("20000×20000", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A PNG that claims to be <paramref name="width"/>×<paramref name="height"/>: a valid header and nothing behind it.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]); // an empty zlib stream
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        stream.Write(header);
        stream.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. header.AsSpan(4).ToArray(), .. data]));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
