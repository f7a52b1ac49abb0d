using System.Net;
using Backlot.Features.Comments;

namespace Backlot.Tests.Comments;

public sealed class CommentRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    private static CommentSubmission Valid => new() { ArticleId = 1, Name = "Ada", Email = "ada@example.com", Text = "Hello", Website = "" };

    [Fact]
    public void A_complete_comment_has_no_errors()
    {
        Assert.Empty(CommentRules.Validate(CommentRules.Normalize(Valid with { Website = " https://ada.example/ " })));
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@localhost")]
    [InlineData("a b@example.com")]
    [InlineData("\"<script>\"@example.com")]
    public void Invalid_emails_are_refused(string email)
    {
        Assert.True(CommentRules.Validate(Valid with { Email = email }).ContainsKey("email"));
    }

    [Fact]
    public void Limits_count_characters_as_a_reader_does()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", CommentRules.NameMaxLength)); // 200 UTF-16 units, 100 characters
        Assert.False(CommentRules.Validate(Valid with { Name = emoji }).ContainsKey("name"));
        Assert.True(CommentRules.Validate(Valid with { Name = emoji + "x" }).ContainsKey("name"));
    }

    [Fact]
    public void Line_breaks_are_kept_in_the_text_but_control_characters_are_refused()
    {
        Assert.Empty(CommentRules.Validate(CommentRules.Normalize(Valid with { Text = "one\r\ntwo\tthree" })));
        Assert.Contains("control character", CommentRules.Validate(Valid with { Text = "bell\u0007" })["text"][0], StringComparison.Ordinal);
        Assert.True(CommentRules.Validate(Valid with { Name = "two\nlines" }).ContainsKey("name"));
        Assert.Contains("UTF-8", CommentRules.Validate(Valid with { Text = "bad \uFFFD byte" })["text"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("https://user:pass@example.com/")]
    [InlineData("/relative")]
    [InlineData("https://exa mple.com/")]
    public void A_website_must_be_a_plain_web_address(string website)
    {
        Assert.True(CommentRules.Validate(Valid with { Website = website }).ContainsKey("website"));
    }

    [Fact]
    public void Comments_close_after_the_sites_days_or_when_the_editor_closes_them()
    {
        Assert.True(CommentPolicy.IsOpen(Now.AddDays(-29), closedByEditor: false, closeAfterDays: 30, Now));
        Assert.False(CommentPolicy.IsOpen(Now.AddDays(-31), closedByEditor: false, closeAfterDays: 30, Now));
        Assert.True(CommentPolicy.IsOpen(Now.AddDays(-3000), closedByEditor: false, closeAfterDays: 0, Now));
        Assert.False(CommentPolicy.IsOpen(Now, closedByEditor: true, closeAfterDays: 0, Now));
    }

    [Fact]
    public void A_reply_past_the_deepest_level_joins_the_thread_of_the_comment_it_answers()
    {
        // 1 ← 2 ← 3: with depth 3, a reply to 3 goes under 2, a reply to 2 under 2.
        var parentOf = new Dictionary<int, int?> { [1] = null, [2] = 1, [3] = 2 };

        Assert.Equal((2, 3), CommentPosting.AttachPoint(3, parentOf, maxDepth: 3));
        Assert.Equal((2, 3), CommentPosting.AttachPoint(2, parentOf, maxDepth: 3));
        Assert.Equal((1, 2), CommentPosting.AttachPoint(1, parentOf, maxDepth: 3));
        Assert.Equal(((int?)null, 1), CommentPosting.AttachPoint(3, parentOf, maxDepth: 1));
    }

    [Fact]
    public void The_same_words_by_the_same_person_on_the_same_article_are_a_duplicate()
    {
        var key = CommentHashes.DuplicateKey(1, "Ada@Example.com", "Nice  list!");
        Assert.Equal(key, CommentHashes.DuplicateKey(1, "ada@example.com", "nice list!"));
        Assert.NotEqual(key, CommentHashes.DuplicateKey(2, "ada@example.com", "nice list!"));
        Assert.NotEqual(key, CommentHashes.DuplicateKey(1, "bob@example.com", "nice list!"));
    }

    [Fact]
    public void Stream_markers_survive_a_round_trip_at_microsecond_precision()
    {
        var at = CommentEventMarker.Truncate(new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc).AddTicks(1234567));
        var marker = CommentEventMarker.Of(at, 42);
        Assert.Equal(marker, CommentEventMarker.Parse(marker.ToString()));
        Assert.Null(CommentEventMarker.Parse("junk"));
        Assert.Null(CommentEventMarker.Parse("-1-2"));
    }

    [Fact]
    public void A_clean_comment_passes_the_spam_checks()
    {
        var verdict = CommentSpamCheck.Judge(Valid, Now.AddSeconds(-20), Now, IPAddress.Parse("198.51.100.1"), new CommentBlocklist("", "", ""));
        Assert.Equal(SpamVerdict.Clean, verdict);
    }

    [Fact]
    public void Spam_signs_each_give_their_reason()
    {
        var blocklist = new CommentBlocklist("casino\n# a comment line\n", "bad@example.com\n@spam.example", "203.0.113.0/24\n2001:db8::/32\n192.0.2.7");

        Assert.Contains("honeypot", CommentSpamCheck.Judge(Valid with { Honeypot = "x" }, Now.AddSeconds(-20), Now, null, blocklist).Reason, StringComparison.Ordinal);
        Assert.Contains("missing or forged", CommentSpamCheck.Judge(Valid, null, Now, null, blocklist).Reason, StringComparison.Ordinal);
        Assert.Contains("1.0 s after", CommentSpamCheck.Judge(Valid, Now.AddSeconds(-1), Now, null, blocklist).Reason, StringComparison.Ordinal);
        Assert.Contains("casino", CommentSpamCheck.Judge(Valid with { Text = "Best CASINO" }, Now.AddSeconds(-20), Now, null, blocklist).Reason, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Spam, CommentSpamCheck.Judge(Valid with { Email = "x@SPAM.example" }, Now.AddSeconds(-20), Now, null, blocklist).Status);
        Assert.Equal(CommentStatus.Spam, CommentSpamCheck.Judge(Valid, Now.AddSeconds(-20), Now, IPAddress.Parse("203.0.113.200"), blocklist).Status);
        Assert.Equal(CommentStatus.Spam, CommentSpamCheck.Judge(Valid, Now.AddSeconds(-20), Now, IPAddress.Parse("::ffff:192.0.2.7"), blocklist).Status);
        Assert.Equal(CommentStatus.Spam, CommentSpamCheck.Judge(Valid, Now.AddSeconds(-20), Now, IPAddress.Parse("2001:db8::1"), blocklist).Status);
        Assert.Null(CommentSpamCheck.Judge(Valid, Now.AddSeconds(-20), Now, IPAddress.Parse("198.51.100.1"), blocklist).Status);

        var links = CommentSpamCheck.Judge(Valid with { Text = "https://a.example https://b.example https://c.example" }, Now.AddSeconds(-20), Now, null, blocklist);
        Assert.Equal(CommentStatus.Pending, links.Status);
        Assert.Contains("3 links", links.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_blocked_networks_are_named_for_the_settings_page()
    {
        Assert.Equal(["not-an-ip", "10.0.0.0/99"], CommentBlocklist.InvalidNetworks("10.0.0.0/8\nnot-an-ip\n10.0.0.0/99\n::1"));
    }
}
