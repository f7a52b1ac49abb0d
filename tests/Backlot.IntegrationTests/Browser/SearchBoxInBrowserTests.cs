using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Backlot.IntegrationTests.Browser;

public sealed class SearchBoxInBrowserTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task Typing_in_the_header_search_box_offers_matching_articles_and_arrow_enter_opens_one()
    {
        TestEnvironment.RequireChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, BaseURL = site.ClientOptions.BaseAddress.ToString() });
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await page.Locator("#site-search-q").PressSequentiallyAsync("christopher nol", new() { Delay = 30 });

        // The list says which query it answers: on a loaded machine earlier keystrokes can fetch too.
        var suggestion = page.Locator("#site-search-suggestions[data-query='christopher nol'] a", new() { HasText = "Nolan" });
        await suggestion.First.WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal("true", await page.Locator("#site-search-q").GetAttributeAsync("aria-expanded"));

        await page.Locator("#site-search-q").PressAsync("ArrowDown");
        var chosen = await page.Locator("#site-search-suggestions [aria-selected='true'] a").GetAttributeAsync("href");
        Assert.NotNull(chosen);
        await page.Locator("#site-search-q").PressAsync("Enter");
        await page.WaitForURLAsync("**" + chosen);
        Assert.Empty(problems); // a CSP violation would show here
    }
}
