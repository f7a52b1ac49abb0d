using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Backlot.IntegrationTests.Browser;

/// <summary>An editor at work in Chromium: sign in, write a listicle, fix its order, publish it, read it.</summary>
public sealed class EditorInBrowserTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task An_editor_writes_a_listicle_sees_the_count_warning_reorders_publishes_and_reads_it()
    {
        TestEnvironment.RequireChromium();
        await using (var scope = site.Scope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync("browser-editor@example.test", "Browser Editor", Roles.Editor, AdminSession.Password);
            Assert.True(created.Succeeded);
        }

        var picture = Path.Combine(site.DataPath, "upload-test.jpg");
        using (var image = NetVips.Image.Black(900, 500, bands: 3) + new double[] { 160, 60, 30 })
        {
            image.Cast(NetVips.Enums.BandFormat.Uchar).Jpegsave(picture);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { BaseURL = site.ClientOptions.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 1000 } });

        await page.GotoAsync("/admin/articles");
        await page.GetByLabel("Email").FillAsync("browser-editor@example.test");
        await page.GetByLabel("Password").FillAsync(AdminSession.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/articles");

        await page.GotoAsync("/admin/articles/new?kind=Listicle");
        await page.GetByLabel("Title").First.FillAsync("5 things we learned from the writers' room");
        await page.Locator("#Form_CategoryId").SelectOptionAsync(new SelectOptionValue { Label = "TV" });
        await page.Locator("#Form_Items_0__Heading").FillAsync("Cold opens");
        await page.Locator("#Form_Items_1__Heading").FillAsync("Table reads");
        await page.Locator("#Form_Items_2__Heading").FillAsync("Runners");
        await page.Locator("#Form_Items_0__NewImage").SetInputFilesAsync(picture);
        await page.Locator("#Form_Items_0__NewImageAlt").FillAsync("A rust-coloured card");

        var warning = page.Locator("#listicle-warnings li", new() { HasText = "Title says 5, the list has 3 items." });
        await warning.WaitForAsync();

        // Runners first: move the third item up twice with the keyboard-friendly buttons.
        await page.GetByRole(AriaRole.Button, new() { Name = "Move item 3 up" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move item 2 up" }).ClickAsync();
        Assert.Equal("Runners", await page.Locator("#Form_Items_0__Heading").InputValueAsync());

        await page.Locator("#Form_Status").SelectOptionAsync("Published");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.Locator(".notice", new() { HasText = "Published." }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("admin-editor.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Public page" }).ClickAsync();
        await page.Locator("article h1").WaitForAsync();
        var headings = await page.Locator("ol.listicle h2").AllInnerTextsAsync();
        Assert.Equal(["1. Runners", "2. Cold opens", "3. Table reads"], headings.Select(h => h.Trim()));
        var uploaded = page.Locator("ol.listicle li").Nth(1).Locator("img");
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await uploaded.ElementHandleAsync());
        Assert.Equal("A rust-coloured card", await uploaded.GetAttributeAsync("alt"));
    }

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
