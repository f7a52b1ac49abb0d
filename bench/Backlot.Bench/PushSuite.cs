using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Push;
using Backlot.Features.Site;
using Backlot.Infrastructure;
using Backlot.Infrastructure.Redis;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backlot.Bench;

/// <summary>
/// Push fan-out: N subscriptions (20,000 by default) in a SQLite database, one campaign sent by
/// the real <see cref="PushCampaignRunner"/> over HTTP/2 to <c>bench/push-service.mjs</c>, a push
/// receiver on Node's HTTP/2 stack (not .NET's) that checks every message's headers and counts
/// deliveries per endpoint, stream resets, GOAWAYs and connections; against the raw encryption
/// ceiling, an encrypt-only loop over the same subscriptions on every core, measured in the same run.
/// Settings: --size N, --set concurrency=128, --set batch=1000, --set keys=1000 (distinct browser keys).
/// </summary>
public sealed class PushSuite : ISuite
{
    public string Name => "push";
    public string Description => "Web Push fan-out to a Node HTTP/2 push receiver vs the raw RFC 8291 encryption ceiling; duplicates and stream resets";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.Size ?? 20_000;
        var concurrency = options.Setting("concurrency", "128");
        var batch = options.Setting("batch", "1000");
        var distinctKeys = int.Parse(options.Setting("keys", "1000"), System.Globalization.CultureInfo.InvariantCulture);

        await using var endpoint = await NodePushReceiver.StartAsync();
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
        builder.Services.AddMemoryCache();
        builder.AddRedis(); // without a Redis setting: messages between instances stay in this process
        builder.Services.AddSingleton<SiteNavigation>();
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

        await Task.Delay(200, cancellationToken); // a reset reaches the receiver a moment after the response is dropped
        var seen = await endpoint.StatsAsync();
        var sent = campaign.Delivered / sendWatch.Elapsed.TotalSeconds;
        var report = new SuiteReport { Suite = Name };
        report.Add("encrypt only (ceiling)").Set("messages", targets.Count).Set("seconds", ceilingSeconds).Set("messages/s", ceiling);
        report.Add("campaign to Node http2 (h2c)").Set("messages", campaign.Delivered).Set("seconds", sendWatch.Elapsed.TotalSeconds).Set("messages/s", sent).Set("ratio", sent / ceiling)
            .Set("duplicates", seen.Duplicates).Set("resets", seen.Resets + seen.Aborted).Set("GOAWAYs", seen.GoawaysReceived + seen.SessionErrors).Set("connections", seen.Sessions);
        report.Notes.Add($"{count:N0} subscriptions (topic site), {distinctKeys:N0} distinct browser keys, payload {payload.Length} bytes, {bytes / Math.Max(1, targets.Count)} bytes per message body");
        report.Notes.Add($"sender: Push:BatchSize={batch}, Push:Concurrency={concurrency}; campaign counts: delivered {campaign.Delivered:N0}, failed {campaign.Failed:N0}, possibly twice {campaign.PossibleDuplicates:N0}");
        report.Notes.Add($"receiver (Node {endpoint.NodeVersion}, nghttp2): {seen.Requests:N0} requests on {seen.Streams:N0} streams over {seen.Sessions} connection(s); {seen.Delivered:N0} endpoints got a message, {seen.Duplicates:N0} got one more than once; refused {seen.Refused:N0}; streams reset {seen.Resets:N0}, aborted {seen.Aborted:N0}; GOAWAY received {seen.GoawaysReceived:N0}, sessions ended in error {seen.SessionErrors:N0}");
        report.Notes.Add("ceiling: WebPushEncryption.Encrypt (fresh P-256 key, ECDH, HKDF, AES-128-GCM) over the same subscriptions on every core, half before the campaign and half after; the campaign shares those cores with the Node receiver and SQLite");
        report.Notes.Add("target: ratio >= 0.8, zero duplicates, zero resets");
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

    private sealed record ReceiverStats(int Sessions, int Streams, int Resets, int Aborted, int GoawaysReceived, int SessionErrors, int Requests, int Accepted, int Refused, int Delivered, int Duplicates);

    /// <summary><c>bench/push-service.mjs</c> run by node: h2c on 127.0.0.1, counts read over its stdin and stdout.</summary>
    private sealed class NodePushReceiver : IAsyncDisposable
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
        private readonly Process process;

        private NodePushReceiver(Process process, int port, string nodeVersion)
        {
            this.process = process;
            Origin = $"http://127.0.0.1:{port}";
            NodeVersion = nodeVersion;
        }

        public string Origin { get; }
        public string NodeVersion { get; }

        public static async Task<NodePushReceiver> StartAsync()
        {
            var script = Path.Combine(SiteBuild.RepositoryRoot(), "bench", "push-service.mjs");
            string version;
            Process process;
            try
            {
                using var probe = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
                version = (await probe.StandardOutput.ReadToEndAsync()).Trim();
                process = Process.Start(new ProcessStartInfo("node", [script]) { RedirectStandardInput = true, RedirectStandardOutput = true })!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("The push suite needs node (Node.js 20 or later) for its HTTP/2 receiver.", e);
            }

            var first = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException($"{script} ended before it listened");
            using var port = JsonDocument.Parse(first);
            return new NodePushReceiver(process, port.RootElement.GetProperty("port").GetInt32(), version);
        }

        public async Task<ReceiverStats> StatsAsync()
        {
            await process.StandardInput.WriteLineAsync("stats");
            await process.StandardInput.FlushAsync();
            var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("the push receiver ended");
            return JsonSerializer.Deserialize<ReceiverStats>(line, Json)!;
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }

            process.Dispose();
        }
    }
}
