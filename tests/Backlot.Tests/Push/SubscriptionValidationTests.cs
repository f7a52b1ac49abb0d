using System.Security.Cryptography;
using System.Text.Json;
using Backlot.Features.Push;
using Microsoft.Extensions.Options;

namespace Backlot.Tests.Push;

public sealed class SubscriptionValidationTests
{
    private static readonly EndpointPolicy Strict = Policy(new PushOptions());

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc:def")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/gAAAA")]
    [InlineData("https://web.push.apple.com/QGz1")]
    [InlineData("https://wns2-by3p.notify.windows.com/w/?token=x")]
    public void Endpoints_on_known_push_services_are_accepted(string endpoint) =>
        Assert.Null(Strict.Check(endpoint, out _));

    [Theory]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc", "https")]
    [InlineData("https://evil.example.com/fcm/send", "not a known push service")]
    [InlineData("https://fcm.googleapis.com.evil.example/x", "not a known push service")]
    [InlineData("https://127.0.0.1/push", "private or loopback")]
    [InlineData("https://10.1.2.3/push", "private or loopback")]
    [InlineData("https://169.254.169.254/latest/meta-data", "private or loopback")]
    [InlineData("https://[::1]/push", "private or loopback")]
    [InlineData("https://[::ffff:192.168.1.1]/push", "private or loopback")]
    [InlineData("https://localhost/push", "private or loopback")]
    [InlineData("https://8.8.8.8/push", "not a known push service")]
    [InlineData("https://user:pw@fcm.googleapis.com/x", "absolute URL")]
    [InlineData("/relative", "https")]
    [InlineData("", "required")]
    public void Endpoints_that_could_reach_anything_else_are_refused(string endpoint, string reason)
    {
        var error = Strict.Check(endpoint, out _);

        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_can_allow_a_host_and_tests_can_allow_private_networks()
    {
        var allowing = Policy(new PushOptions { AllowedHosts = ["push.example.org"], AllowPrivateNetworks = true });

        Assert.Null(allowing.Check("https://eu.push.example.org/abc", out _));
        Assert.Null(allowing.Check("http://127.0.0.1:5000/push/a", out _));
        Assert.NotNull(allowing.Check("https://evil.example.com/abc", out _));
    }

    [Fact]
    public void A_valid_subscription_parses_with_its_topics()
    {
        var (p256dh, auth) = Keys();
        var errors = new Dictionary<string, string[]>();

        var request = SubscriptionRequest.Parse(Json(Body("https://fcm.googleapis.com/fcm/send/x", p256dh, auth, "\"site\",\"category:movies\",\"work:the-shining\",\"site\"")), Strict, topicsRequired: true, errors);

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal(["site", "category:movies", "work:the-shining"], request.Topics);
    }

    [Theory]
    [InlineData("BAD_KEY", null, "subscription.keys.p256dh")]
    [InlineData(null, "AAAA", "subscription.keys.auth")]
    public void A_bad_key_or_secret_is_named_in_the_error(string? p256dh, string? auth, string field)
    {
        var (goodKey, goodAuth) = Keys();
        var errors = new Dictionary<string, string[]>();

        var request = SubscriptionRequest.Parse(Json(Body("https://fcm.googleapis.com/fcm/send/x", p256dh ?? goodKey, auth ?? goodAuth, "\"site\"")), Strict, topicsRequired: true, errors);

        Assert.Null(request);
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("\"everything\"")]
    [InlineData("\"category:Not A Slug\"")]
    [InlineData("42")]
    [InlineData("")]
    public void Topics_must_be_site_category_or_work(string topics)
    {
        var (p256dh, auth) = Keys();
        var errors = new Dictionary<string, string[]>();

        SubscriptionRequest.Parse(Json(Body("https://fcm.googleapis.com/fcm/send/x", p256dh, auth, topics)), Strict, topicsRequired: true, errors);

        Assert.Equal(["topics"], errors.Keys);
    }

    [Fact]
    public void A_notification_over_one_push_message_is_refused_when_composed()
    {
        var errors = PushCampaigns.Validate(new PushNotificationDraft { Title = "Big", Body = new string('x', 1999), Url = "/x", ImageUrl = "https://example.com/" + new string('a', 1990) });
        var fine = PushCampaigns.Validate(new PushNotificationDraft { Title = "Small", Body = "Text", Url = "/movies/a", Topics = ["category:movies"], ReplaceTopic = "release-news", TtlSeconds = 3600 });

        Assert.Contains("Body", errors.Keys);
        Assert.Empty(fine);
    }

    [Fact]
    public void A_notification_link_must_stay_on_the_site_or_use_https()
    {
        var errors = PushCampaigns.Validate(new PushNotificationDraft { Title = "T", Url = "javascript:alert(1)", ReplaceTopic = "has spaces" });

        Assert.Contains("Url", errors.Keys);
        Assert.Contains("ReplaceTopic", errors.Keys);
        Assert.Contains("Url", PushCampaigns.Validate(new PushNotificationDraft { Title = "T", Url = "//evil.example.com/" }).Keys);
    }

    private static (string P256dh, string Auth) Keys()
    {
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return (Base64UrlText.Encode(WebPushEncryptionTests.PublicKey(browser)), Base64UrlText.Encode(RandomNumberGenerator.GetBytes(16)));
    }

    private static string Body(string endpoint, string p256dh, string auth, string topics) =>
        $$$"""{"subscription":{"endpoint":"{{{endpoint}}}","expirationTime":null,"keys":{"p256dh":"{{{p256dh}}}","auth":"{{{auth}}}"}},"topics":[{{{topics}}}]}""";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static EndpointPolicy Policy(PushOptions options) => new(new StaticOptions(options));

    private sealed class StaticOptions(PushOptions value) : IOptionsMonitor<PushOptions>
    {
        public PushOptions CurrentValue => value;
        public PushOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<PushOptions, string?> listener) => null;
    }
}
