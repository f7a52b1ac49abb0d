using System.Security.Cryptography;
using System.Text.Json;
using Backlot.Features.Push;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Backlot.IntegrationTests.Browser;

/// <summary>The subscribe widget in Chromium, with the Push API stubbed in the page: no real push service is involved.</summary>
public sealed class PushWidgetInBrowserTests(BrowserSiteFactory site) : IClassFixture<BrowserSiteFactory>
{
    [Fact]
    public async Task Clicking_Subscribe_asks_permission_only_then_and_posts_the_subscription_with_the_chosen_topics()
    {
        TestEnvironment.RequireChromium();
        using var browserKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = browserKey.ExportParameters(false).Q;
        var p256dh = Base64Url([0x04, .. q.X!, .. q.Y!]);
        var auth = Base64Url(RandomNumberGenerator.GetBytes(16));
        var endpoint = "https://fcm.googleapis.com/fcm/send/browser-test-" + Guid.NewGuid().ToString("N");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 412, Height = 915 }, BaseURL = site.ClientOptions.BaseAddress.ToString() });
        await page.AddInitScriptAsync(StubPushApi.Replace("%ENDPOINT%", endpoint, StringComparison.Ordinal).Replace("%P256DH%", p256dh, StringComparison.Ordinal).Replace("%AUTH%", auth, StringComparison.Ordinal));

        await page.GotoAsync("/movies/behind-the-scenes-details-that-made-scenes-memorable");
        var widget = page.Locator("aside.push");
        await Assertions.Expect(widget).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("window.__permissionAsked || 0"));

        await widget.GetByRole(AriaRole.Button, new() { Name = "Subscribe" }).ClickAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("window.__permissionAsked || 0"));
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await widget.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "push-widget-topics.png") });
        await widget.Locator("input[value='category:movies']").CheckAsync();
        var request = await page.RunAndWaitForRequestAsync(
            () => widget.GetByRole(AriaRole.Button, new() { Name = "Turn on notifications" }).ClickAsync(),
            r => r.Url.EndsWith("/push/subscriptions", StringComparison.Ordinal) && r.Method == "POST");

        using var sent = JsonDocument.Parse(request.PostData!);
        var subscription = sent.RootElement.GetProperty("subscription");
        Assert.Equal(endpoint, subscription.GetProperty("endpoint").GetString());
        Assert.Equal(p256dh, subscription.GetProperty("keys").GetProperty("p256dh").GetString());
        Assert.Equal(auth, subscription.GetProperty("keys").GetProperty("auth").GetString());
        Assert.Equal(["site", "category:movies"], sent.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("application/json", request.Headers["content-type"]);
        var response = await request.ResponseAsync();
        Assert.Equal(201, response!.Status);

        await Assertions.Expect(widget.Locator(".push__state")).ToContainTextAsync("Notifications are on for");
        await Assertions.Expect(widget.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" })).ToBeVisibleAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("window.__permissionAsked"));
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await widget.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "push-widget-subscribed.png") });
        Assert.Equal("/sw.js /", await page.EvaluateAsync<string>("window.__swRegistered.url + ' ' + window.__swRegistered.scope"));
        Assert.Equal(65, await page.EvaluateAsync<int>("window.__subscribeKeyLength"));
        await site.WithDbAsync(async db => Assert.Equal(2, await db.Set<PushSubscriptionTopic>().CountAsync(t => db.Set<PushSubscription>().Any(s => s.Id == t.SubscriptionId && s.Endpoint == endpoint))));

        var deleted = await page.RunAndWaitForResponseAsync(
            () => widget.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync(),
            r => r.Url.EndsWith("/push/subscriptions", StringComparison.Ordinal) && r.Request.Method == "DELETE");
        Assert.Equal(204, deleted.Status);
        await Assertions.Expect(widget.Locator(".push__state")).ToContainTextAsync("Notifications are off");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // Stands in for the browser's Push API: a service worker registration whose pushManager hands
    // out a subscription with the test's keys, and a Notification permission that records being asked.
    private const string StubPushApi = """
        (() => {
          const endpoint = '%ENDPOINT%', p256dh = '%P256DH%', auth = '%AUTH%';
          let subscription = null;
          const pushManager = {
            getSubscription: async () => subscription,
            subscribe: async (options) => {
              window.__subscribeKeyLength = options.applicationServerKey.byteLength;
              subscription = {
                endpoint,
                options: { applicationServerKey: options.applicationServerKey.buffer },
                toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
                unsubscribe: async () => { subscription = null; return true; },
              };
              return subscription;
            },
          };
          const registration = { pushManager, scope: location.origin + '/' };
          Object.defineProperty(navigator, 'serviceWorker', { configurable: true, value: {
            register: async (url, options) => { window.__swRegistered = { url, scope: options && options.scope }; return registration; },
            ready: Promise.resolve(registration),
            getRegistration: async () => (window.__swRegistered ? registration : undefined),
          } });
          window.PushManager = function PushManager() {};
          let permission = 'default';
          const Notification = function Notification() {};
          Object.defineProperty(Notification, 'permission', { get: () => permission });
          Notification.requestPermission = async () => { window.__permissionAsked = (window.__permissionAsked || 0) + 1; permission = 'granted'; return permission; };
          window.Notification = Notification;
        })();
        """;
}
