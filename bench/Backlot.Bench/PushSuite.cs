using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using Backlot.Data;
using Backlot.Features.Push;
using Backlot.Features.Site;
using Backlot.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backlot.Bench;

/// <summary>
/// Push fan-out: N subscriptions (100,000 by default) in a SQLite database, one campaign sent by
/// the real <see cref="PushCampaignRunner"/> over HTTP/2 to a push endpoint on 127.0.0.1 that
/// parses every message; against the raw encryption ceiling, an encrypt-only loop over the same
/// subscriptions on every core, measured in the same run.
/// Settings: --size N, --set concurrency=128, --set batch=1000, --set keys=1000 (distinct browser keys).
/// </summary>
public sealed class PushSuite : ISuite
{
    public string Name => "push";
    public string Description => "Web Push fan-out to a local HTTP/2 endpoint vs the raw RFC 8291 encryption ceiling";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.Size ?? 100_000;
        var concurrency = options.Setting("concurrency", "128");
        var batch = options.Setting("batch", "1000");
        var distinctKeys = int.Parse(options.Setting("keys", "1000"), System.Globalization.CultureInfo.InvariantCulture);

        await using var endpoint = await LocalPushEndpoint.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataPath"] = options.WorkFolder,
            ["Push:AllowPrivateNetworks"] = "true",
            ["Push:SendInBackground"] = "false",
            ["Push:Concurrency"] = concurrency,
            ["Push:BatchSize"] = batch,
        });
        builder.AddData();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOutputCache();
        builder.Services.AddSingleton<PublicPageCache>();
        builder.Services.AddSingleton<Backlot.Infrastructure.Telemetry.BacklotMetrics>();
        PushFeature.AddPushServices(builder.Services);
        await using var app = builder.Build();
        if (!await app.TryPrepareDatabaseAsync())
        {
            throw new InvalidOperationException("The benchmark database could not be created.");
        }

        var setup = Stopwatch.StartNew();
        var targets = await SeedAsync(app.Services, endpoint.Origin, count, distinctKeys, cancellationToken);
        var campaignId = await QueueCampaignAsync(app.Services, count, cancellationToken);
        Console.WriteLine($"  {count:N0} subscriptions stored in {setup.Elapsed.TotalSeconds:F1} s");

        // Same payload and the same decoding of stored keys as the sender.
        var payload = "{\"title\":\"The first trailer for the sequel is out\",\"body\":\"Two minutes, no dialogue, one very familiar hallway, and a release date at last.\",\"url\":\"/movies/the-first-trailer-for-the-sequel-is-out\",\"image\":\"/media/0123456789abcdef/640.jpg\",\"campaign\":1}"u8.ToArray();
        WarmUp(targets, payload);

        // The ceiling's loop is split around the campaign, half before and half after, so a
        // machine whose load changes during the run (other builds on the same cores) weighs on both alike.
        var half = targets.Count / 2;
        var (firstSeconds, firstBytes) = EncryptOnly(targets.GetRange(0, half), payload, cancellationToken);
        Console.WriteLine($"  encryption ceiling, first half: {half / firstSeconds:N0} messages/s");

        var runner = app.Services.GetRequiredService<PushCampaignRunner>();
        await app.Services.GetRequiredService<VapidKeys>().PublicKeyAsync(cancellationToken);
        var sendWatch = Stopwatch.StartNew();
        if (!await runner.TryClaimAsync(campaignId, "bench", cancellationToken) || !await runner.RunAsync(campaignId, "bench", cancellationToken))
        {
            throw new InvalidOperationException("The campaign did not complete.");
        }

        sendWatch.Stop();
        var (secondSeconds, secondBytes) = EncryptOnly(targets.GetRange(half, targets.Count - half), payload, cancellationToken);
        var ceilingSeconds = firstSeconds + secondSeconds;
        var ceiling = targets.Count / ceilingSeconds;
        var bytes = firstBytes + secondBytes;

        PushCampaign campaign;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            campaign = await scope.ServiceProvider.GetRequiredService<BacklotDb>().Set<PushCampaign>().AsNoTracking().SingleAsync(c => c.Id == campaignId, cancellationToken);
        }

        var sent = campaign.Delivered / sendWatch.Elapsed.TotalSeconds;
        var report = new SuiteReport { Suite = Name };
        report.Add("encrypt only (ceiling)").Set("messages", targets.Count).Set("seconds", ceilingSeconds).Set("messages/s", ceiling);
        report.Add("campaign to 127.0.0.1 (HTTP/2)").Set("messages", campaign.Delivered).Set("seconds", sendWatch.Elapsed.TotalSeconds).Set("messages/s", sent).Set("ratio", sent / ceiling);
        report.Notes.Add($"{count:N0} subscriptions (topic site), {distinctKeys:N0} distinct browser keys, payload {payload.Length} bytes, {bytes / Math.Max(1, targets.Count)} bytes per message body");
        report.Notes.Add($"sender: Push:BatchSize={batch}, Push:Concurrency={concurrency}; delivered {campaign.Delivered:N0}, failed {campaign.Failed:N0}; the endpoint parsed {endpoint.Parsed:N0} messages, refused {endpoint.Refused:N0}");
        report.Notes.Add("ceiling: WebPushEncryption.Encrypt (fresh P-256 key, ECDH, HKDF, AES-128-GCM) over the same subscriptions on every core, half before the campaign and half after; the campaign shares those cores with the local push endpoint and SQLite");
        report.Notes.Add("target: ratio >= 0.7");
        return report;
    }

    private static (double Seconds, long Bytes) EncryptOnly(List<PushTarget> targets, byte[] payload, CancellationToken cancellationToken)
    {
        long bytes = 0;
        var watch = Stopwatch.StartNew();
        Parallel.ForEach(targets, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, target =>
        {
            var body = WebPushEncryption.Encrypt(payload, Convert.FromBase64String(Pad(target.P256dh)), Convert.FromBase64String(Pad(target.Auth)));
            Interlocked.Add(ref bytes, body.Length);
        });
        return (watch.Elapsed.TotalSeconds, bytes);
    }

    private static void WarmUp(List<PushTarget> targets, byte[] payload)
    {
        foreach (var target in targets.Take(200))
        {
            WebPushEncryption.Encrypt(payload, Convert.FromBase64String(Pad(target.P256dh)), Convert.FromBase64String(Pad(target.Auth)));
        }
    }

    private static string Pad(string base64Url) => base64Url.Replace('-', '+').Replace('_', '/') + new string('=', (4 - base64Url.Length % 4) % 4);

    private static async Task<List<PushTarget>> SeedAsync(IServiceProvider services, string origin, int count, int distinctKeys, CancellationToken cancellationToken)
    {
        var keys = new List<(string P256dh, string Auth)>();
        for (var i = 0; i < distinctKeys; i++)
        {
            using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            var q = key.ExportParameters(false).Q;
            keys.Add((ToBase64Url([0x04, .. q.X!, .. q.Y!]), ToBase64Url(RandomNumberGenerator.GetBytes(16))));
        }

        var now = DateTime.UtcNow;
        for (var start = 0; start < count; start += 10_000)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + 10_000); i++)
            {
                var (p256dh, auth) = keys[i % keys.Count];
                db.Set<PushSubscription>().Add(new PushSubscription
                {
                    Endpoint = $"{origin}/p/{i}",
                    P256dh = p256dh,
                    Auth = auth,
                    CreatedAt = now,
                    UpdatedAt = now,
                    Topics = [new PushSubscriptionTopic { Topic = PushTopics.Site }],
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await using var read = services.CreateAsyncScope();
        return await read.ServiceProvider.GetRequiredService<BacklotDb>().Set<PushSubscription>().AsNoTracking()
            .OrderBy(s => s.Id).Select(s => new PushTarget(s.Id, s.Endpoint, s.P256dh, s.Auth)).ToListAsync(cancellationToken);
    }

    private static async Task<int> QueueCampaignAsync(IServiceProvider services, int count, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var now = DateTime.UtcNow;
        var campaign = new PushCampaign
        {
            Title = "The first trailer for the sequel is out",
            Body = "Two minutes, no dialogue, one very familiar hallway, and a release date at last.",
            Url = "/movies/the-first-trailer-for-the-sequel-is-out",
            ImageUrl = "/media/0123456789abcdef/640.jpg",
            Topics = PushTopics.Site,
            TtlSeconds = 3600,
            CreatedAt = now,
            ScheduledAt = now,
            Queued = count,
        };
        db.Set<PushCampaign>().Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign.Id;
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A push endpoint on 127.0.0.1 over HTTP/2 that parses each message's RFC 8188 header and answers 201.</summary>
    private sealed class LocalPushEndpoint : IAsyncDisposable
    {
        private readonly WebApplication app;
        private long parsed;
        private long refused;

        private LocalPushEndpoint(WebApplication app) => this.app = app;

        public string Origin { get; private set; } = "";
        public long Parsed => Interlocked.Read(ref parsed);
        public long Refused => Interlocked.Read(ref refused);

        public static async Task<LocalPushEndpoint> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
            var app = builder.Build();
            var endpoint = new LocalPushEndpoint(app);
            app.MapPost("/p/{id}", (Delegate)endpoint.ReceiveAsync);
            await app.StartAsync();
            endpoint.Origin = app.Urls.Single().TrimEnd('/');
            return endpoint;
        }

        private async Task<IResult> ReceiveAsync(HttpContext context)
        {
            var buffer = new byte[4096];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
            }

            // salt(16) | rs(4) | idlen(1) = 65 | keyid: an uncompressed point | ciphertext with a 16-byte tag
            var ok = length > 86 + 16
                && BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(16)) == 4096
                && buffer[20] == 65 && buffer[21] == 0x04
                && context.Request.Headers.Authorization.ToString().StartsWith("vapid t=", StringComparison.Ordinal)
                && context.Request.Headers.ContentEncoding == "aes128gcm";
            Interlocked.Increment(ref ok ? ref parsed : ref refused);
            return ok ? Results.StatusCode(StatusCodes.Status201Created) : Results.BadRequest();
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
