using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backlot.Features.Push;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Push;

/// <summary>The site as shipped: only https endpoints on known push services, no private networks.</summary>
public sealed class SubscriptionEndpointTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private readonly HttpClient client = site.CreateClient();

    [Theory]
    [InlineData("http://127.0.0.1:8080/push/a", "subscription.endpoint")]
    [InlineData("https://169.254.169.254/latest/meta-data", "subscription.endpoint")]
    [InlineData("https://10.0.0.7/push", "subscription.endpoint")]
    [InlineData("https://[::1]/push", "subscription.endpoint")]
    [InlineData("https://attacker.example.com/push", "subscription.endpoint")]
    [InlineData("http://fcm.googleapis.com/fcm/send/x", "subscription.endpoint")]
    public async Task Endpoints_outside_known_push_services_are_refused_with_400_naming_the_field(string endpoint, string field)
    {
        using var browser = new FakeSubscriber("x", endpoint, PushServiceBehaviour.Accept);

        await AssertRefusedAsync(JsonSerializer.Serialize(browser.SubscribeBody("site")), field, endpoint);
    }

    [Theory]
    [InlineData("""{"subscription":{"endpoint":"https://fcm.googleapis.com/fcm/send/k","keys":{"p256dh":"BBBB","auth":"AAAAAAAAAAAAAAAAAAAAAA"}},"topics":["site"]}""", "subscription.keys.p256dh")]
    [InlineData("""{"subscription":{"endpoint":"https://fcm.googleapis.com/fcm/send/k","keys":{"p256dh":"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4","auth":"AAAA"}},"topics":["site"]}""", "subscription.keys.auth")]
    [InlineData("""{"subscription":{"endpoint":"https://fcm.googleapis.com/fcm/send/k"},"topics":["site"]}""", "subscription.keys")]
    [InlineData("""{"subscription":{"endpoint":"https://fcm.googleapis.com/fcm/send/k","keys":{"p256dh":"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4","auth":"BTBZMqHH6r4Tts7J_aSIgg"}},"topics":["drop table"]}""", "topics")]
    [InlineData("""{"topics":["site"]}""", "subscription")]
    [InlineData("""{"subscription": "not an object""", "body")]
    [InlineData("[1,2,3]", "body")]
    public async Task Malformed_subscriptions_are_refused_with_400_naming_the_field(string json, string field) =>
        await AssertRefusedAsync(json, field, "https://fcm.googleapis.com/fcm/send/k");

    [Fact]
    public async Task A_browser_subscribes_changes_its_topics_and_unsubscribes()
    {
        using var browser = new FakeSubscriber("b", "https://fcm.googleapis.com/fcm/send/lifecycle-" + Guid.NewGuid().ToString("N"), PushServiceBehaviour.Accept);

        using var created = await client.PostAsJsonAsync(new Uri("/push/subscriptions", UriKind.Relative), browser.SubscribeBody("site"), TestContext.Current.CancellationToken);
        using var changed = await client.PostAsJsonAsync(new Uri("/push/subscriptions", UriKind.Relative), browser.SubscribeBody("category:tv", "work:the-shining"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await site.WithDbAsync(async db =>
        {
            var topics = await db.Set<PushSubscriptionTopic>().Where(t => db.Set<PushSubscription>().Any(s => s.Id == t.SubscriptionId && s.Endpoint == browser.Endpoint)).Select(t => t.Topic).OrderBy(t => t).ToListAsync();
            Assert.Equal(["category:tv", "work:the-shining"], topics);
        });

        using var forged = await DeleteAsync(new { subscription = new { endpoint = browser.Endpoint, keys = new { auth = "AAAAAAAAAAAAAAAAAAAAAA" } } });
        using var deleted = await DeleteAsync(browser.SubscribeBody());
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await site.WithDbAsync(async db => Assert.False(await db.Set<PushSubscription>().AnyAsync(s => s.Endpoint == browser.Endpoint)));
    }

    [Fact]
    public async Task The_public_key_is_stable_across_requests_and_embedded_in_the_hidden_widget()
    {
        var first = await client.GetFromJsonAsync<JsonElement>(new Uri("/push/vapid-public-key", UriKind.Relative), TestContext.Current.CancellationToken);
        var second = await client.GetFromJsonAsync<JsonElement>(new Uri("/push/vapid-public-key", UriKind.Relative), TestContext.Current.CancellationToken);
        var key = first.GetProperty("publicKey").GetString()!;
        var page = await client.GetDocumentAsync("/movies/behind-the-scenes-details-that-made-scenes-memorable");

        Assert.Equal(key, second.GetProperty("publicKey").GetString());
        Assert.Equal(65, Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/') + "=").Length);
        var widget = page.QuerySelector("aside.push")!;
        Assert.True(widget.HasAttribute("hidden"), "without JavaScript the widget must stay hidden");
        Assert.Equal(key, widget.GetAttribute("data-push-key"));
        Assert.NotNull(widget.QuerySelector("input[value='category:movies']"));
        Assert.NotNull(page.QuerySelector("script[type=module][src^='/js/push.js?v=']"));
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])"));
    }

    [Fact]
    public async Task Rotating_the_keys_needs_an_explicit_flag_and_deletes_the_subscriptions_made_for_the_old_key()
    {
        using var browser = new FakeSubscriber("r", "https://fcm.googleapis.com/fcm/send/rotate-" + Guid.NewGuid().ToString("N"), PushServiceBehaviour.Accept);
        using var created = await client.PostAsJsonAsync(new Uri("/push/subscriptions", UriKind.Relative), browser.SubscribeBody("site"), TestContext.Current.CancellationToken);
        var keys = site.Services.GetService(typeof(VapidKeys)) as VapidKeys;
        var before = await keys!.PublicKeyAsync(TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidOperationException>(() => keys.RotateAsync(confirmed: false, TestContext.Current.CancellationToken));
        Assert.Equal(before, await keys.PublicKeyAsync(TestContext.Current.CancellationToken));

        var (after, deleted) = await keys.RotateAsync(confirmed: true, TestContext.Current.CancellationToken);
        Assert.NotEqual(before, after);
        Assert.True(deleted >= 1);
        var served = await client.GetFromJsonAsync<JsonElement>(new Uri("/push/vapid-public-key", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(after, served.GetProperty("publicKey").GetString());
        await site.WithDbAsync(async db => Assert.False(await db.Set<PushSubscription>().AnyAsync(s => s.Endpoint == browser.Endpoint)));
    }

    private async Task AssertRefusedAsync(string json, string field, string endpoint)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/push/subscriptions", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the errors should name {field}: {problem}");
        await site.WithDbAsync(async db => Assert.False(await db.Set<PushSubscription>().AnyAsync(s => s.Endpoint == endpoint)));
    }

    private Task<HttpResponseMessage> DeleteAsync(object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri("/push/subscriptions", UriKind.Relative)) { Content = JsonContent.Create(body) }, TestContext.Current.CancellationToken);
}

/// <summary>Its own site, so spending the rate limit does not starve the other tests.</summary>
public sealed class SubscriptionRateLimitTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task A_client_that_keeps_subscribing_is_slowed_down_with_429()
    {
        var client = site.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            using var content = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/push/subscriptions", UriKind.Relative), content, TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.BadRequest));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
