using Backlot.Features.Discovery;

namespace Backlot.Tests.Discovery;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("\"Stranger\" OR things* NEAR(x)", new[] { "stranger", "or", "things", "near", "x" })]
    [InlineData("a & b | !c <-> d:*", new[] { "a", "b", "c", "d" })]
    [InlineData("'; DROP TABLE x; --", new[] { "drop", "table", "x" })]
    [InlineData("\0\0", new string[0])]
    [InlineData("Café  Amélie", new[] { "café", "amélie" })]
    public void Terms_keep_only_words_so_no_query_syntax_reaches_the_database(string query, string[] expected) =>
        Assert.Equal(expected, SearchText.Terms(query));

    [Fact]
    public void Terms_are_capped_in_number_and_queries_in_length()
    {
        var query = string.Join(' ', Enumerable.Range(0, 100).Select(i => "word" + i));

        Assert.Equal(SearchText.MaxTerms, SearchText.Terms(query).Count);
        Assert.True(SearchText.Clean(new string('x', 10_000)).Length <= SearchText.MaxQueryLength);
    }

    [Fact]
    public void Clean_drops_control_characters_and_lone_surrogates()
    {
        Assert.Equal("ab", SearchText.Clean("a\0\u0001\uD800b"));
    }

    [Fact]
    public void Snippets_are_html_encoded_with_only_their_marks_as_markup()
    {
        var html = SearchText.SnippetHtml($"<script>x</script> {SearchText.MarkStart}Nolan{SearchText.MarkEnd} & co");

        Assert.Equal("&lt;script&gt;x&lt;/script&gt; <mark>Nolan</mark> &amp; co", html);
    }

    [Fact]
    public void Plain_text_drops_tags_and_decodes_entities()
    {
        Assert.Equal("Tom & Jerry said hi", SearchText.PlainText("<p>Tom &amp; <em>Jerry</em></p>\n<p>said hi</p>").Replace("  ", " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Stanger Things", "Stranger Things")]
    [InlineData("Intersteller", "Interstellar")]
    [InlineData("stranger things season 5", "Stranger Things")]
    public void A_misspelled_name_is_closest_to_the_name_meant(string typed, string meant)
    {
        var best = NameMatching.Best(typed, ["Stranger Things", "Interstellar", "Inception", "The Thing", "Severance"], 1);

        Assert.Equal([meant], best);
    }

    [Fact]
    public void Unrelated_words_match_no_name()
    {
        Assert.Empty(NameMatching.Best("marmalade", ["Stranger Things", "Interstellar"], 3));
    }
}
