using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Backlot.IntegrationTests.Browser;

/// <summary>Debian's Chromium, driven by Playwright, against the demo site on a real port.</summary>
public sealed class ListicleInBrowserTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task A_reader_sees_ten_numbered_items_each_with_a_loaded_image()
    {
        TestEnvironment.RequireChromium();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 412, Height = 915 }, BaseURL = site.ClientOptions.BaseAddress.ToString() });

        await page.GotoAsync("/movies/behind-the-scenes-details-that-made-scenes-memorable");

        var items = page.Locator("ol.listicle > li");
        Assert.Equal(10, await items.CountAsync());
        for (var i = 0; i < 10; i++)
        {
            var item = items.Nth(i);
            Assert.StartsWith($"{i + 1}.", (await item.Locator("h2").InnerTextAsync()).Trim(), StringComparison.Ordinal);
            var image = item.Locator("img");
            await image.ScrollIntoViewIfNeededAsync();
            await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync());
        }

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "demo-listicle.png"), FullPage = true });
        TestContext.Current.AddAttachment("screenshot", Path.Combine(screenshots, "demo-listicle.png"));
    }
}
