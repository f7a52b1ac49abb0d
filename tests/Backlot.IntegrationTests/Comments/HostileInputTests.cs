using System.Net;
using Backlot.Features.Comments;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Comments;

public sealed class HostileInputTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    /// <summary>Script tags, event handlers, dangerous URLs, SVG and encoded variants.</summary>
    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<body onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">click</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "</textarea><script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<input autofocus onfocus=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=import href=//evil.example>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<IMG SRC=JaVaScRiPt:alert(1)>",
        "<img src=\"jav&#x09;ascript:alert(1)\">",
        "javascript:alert(document.cookie)",
        "https://example.com/\"onmouseover=\"alert(1)",
        "https://example.com/<script>alert(1)</script>",
        "<!--<script>alert(1)</script>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<template><script>alert(1)</script></template>",
        "{{constructor.constructor('alert(1)')()}}",
    ];

    private static readonly HashSet<string> AllowedTags = ["LI", "OL", "ARTICLE", "HEADER", "SPAN", "B", "A", "TIME", "P", "DIV", "BR"];

    [Fact]
    public async Task Every_payload_in_the_name_and_text_is_stored_as_text_and_renders_inert()
    {
        Assert.True(Payloads.Length >= 30);
        var articleId = await CommentData.ArticleIdAsync(site, "/movies/how-interstellars-black-hole-became-a-scientific-paper");
        const string email = "hostile@example.test";
        await CommentData.TrustAsync(site, articleId, email);
        var commenter = Commenter.Create(site);
        foreach (var payload in Payloads)
        {
            using var response = await commenter.PostAsync(articleId, Commenter.Fields(payload.Length > 100 ? payload[..100] : payload, email, payload));
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{payload}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            Assert.Contains(await CommentData.CommentsAsync(site, q => q.Where(c => c.Id == CommentData.IdOfAsync(response).Result)), c => c.Body == payload && c.Status == CommentStatus.Approved);
        }

        var page = await site.CreateClient().GetDocumentAsync("/movies/how-interstellars-black-hole-became-a-scientific-paper");
        var list = page.QuerySelector("#comments .comment-list")!;
        var texts = list.QuerySelectorAll(".comment-text").Select(t => t.TextContent).ToList();
        foreach (var payload in Payloads)
        {
            Assert.Contains(texts, t => t.Contains(payload.Split('\n')[0], StringComparison.Ordinal)); // shown as the text it is
        }

        foreach (var element in list.QuerySelectorAll("*"))
        {
            Assert.Contains(element.TagName, AllowedTags);
            Assert.DoesNotContain(element.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name == "style" || a.Name == "src");
            if (element.GetAttribute("href") is { } href)
            {
                Assert.True(href.StartsWith("https://", StringComparison.Ordinal) || href.StartsWith("http://", StringComparison.Ordinal) || href.StartsWith('#') || href.StartsWith("?replytocom=", StringComparison.Ordinal), href);
            }
        }

        // No inline script: only files, and JSON-LD data blocks (which browsers never run).
        Assert.All(page.QuerySelectorAll("script:not([src])"), s => Assert.Equal("application/ld+json", s.GetAttribute("type")));
    }

    [Fact]
    public async Task Every_payload_in_the_website_or_email_is_refused_or_kept_as_a_plain_web_address()
    {
        var articleId = await CommentData.ArticleIdAsync(site, "/movies/how-interstellars-black-hole-became-a-scientific-paper");
        var commenter = Commenter.Create(site);
        foreach (var payload in Payloads)
        {
            using var viaWebsite = await commenter.PostAsync(articleId, Commenter.Fields("Site Field", $"web-{Guid.NewGuid():N}@example.test", $"Website test {Guid.NewGuid():N}", payload.Length > 200 ? payload[..200] : payload));
            if (viaWebsite.StatusCode == HttpStatusCode.Created)
            {
                var stored = Assert.Single(await CommentData.CommentsAsync(site, q => q.Where(c => c.Id == CommentData.IdOfAsync(viaWebsite).Result)));
                Assert.True(CommentRules.WebsiteUri(stored.AuthorWebsite) is not null, stored.AuthorWebsite);
                Assert.DoesNotContain('<', stored.AuthorWebsite);
                Assert.DoesNotContain('"', stored.AuthorWebsite);
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, viaWebsite.StatusCode);
            }

            using var viaEmail = await commenter.PostAsync(articleId, Commenter.Fields("Mail Field", payload, $"Email test {Guid.NewGuid():N}"));
            Assert.Equal(HttpStatusCode.BadRequest, viaEmail.StatusCode);
        }
    }
}
