using Backlot.Features.Taxonomy;

namespace Backlot.Tests.Taxonomy;

public sealed class SlugTests
{
    [Theory]
    [InlineData("The Shining", "the-shining")]
    [InlineData("Batman: The Dark Knight (2008)", "batman-the-dark-knight-2008")]
    [InlineData("Parks & Recreation", "parks-and-recreation")]
    [InlineData("Léon: The Professional", "leon-the-professional")]
    [InlineData("Jack Nicholson’s son", "jack-nicholsons-son")]
    [InlineData("  --Hello,   World!--  ", "hello-world")]
    [InlineData("10 behind-the-scenes details", "10-behind-the-scenes-details")]
    [InlineData("日本語", "")]
    public void A_title_becomes_lowercase_words_joined_by_single_hyphens(string title, string expected) =>
        Assert.Equal(expected, Slug.From(title));

    [Fact]
    public void A_long_title_is_cut_to_the_maximum_length_without_a_trailing_hyphen()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("word", 60)));

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.True(Slug.IsValid(slug));
    }

    [Theory]
    [InlineData("the-shining", true)]
    [InlineData("2024", true)]
    [InlineData("The-Shining", false)]
    [InlineData("-leading", false)]
    [InlineData("trailing-", false)]
    [InlineData("double--hyphen", false)]
    [InlineData("with space", false)]
    [InlineData("../etc/passwd", false)]
    [InlineData("", false)]
    public void Only_canonical_slugs_are_valid(string slug, bool valid) =>
        Assert.Equal(valid, Slug.IsValid(slug));

    [Fact]
    public void A_taken_slug_gets_the_first_free_numbered_suffix()
    {
        var taken = new HashSet<string> { "glee", "glee-2" };

        Assert.Equal("glee-3", Slug.MakeUnique("glee", taken.Contains));
        Assert.Equal("fargo", Slug.MakeUnique("fargo", taken.Contains));
    }

    [Fact]
    public void A_suffix_never_pushes_a_slug_past_the_maximum_length()
    {
        var longSlug = new string('a', Slug.MaxLength);

        var unique = Slug.MakeUnique(longSlug, s => s == longSlug);

        Assert.Equal(Slug.MaxLength, unique.Length);
        Assert.EndsWith("-2", unique, StringComparison.Ordinal);
    }
}
