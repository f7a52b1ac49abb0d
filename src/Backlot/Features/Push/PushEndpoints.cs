using Backlot.Infrastructure;
using System.Text.Json;
using Backlot.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Push;

/// <summary>What browsers call: subscribe, unsubscribe, the public key, and clicks counted by the service worker.</summary>
internal static class PushEndpoints
{
    public const string RateLimitPolicy = "push";
    private const int MaxBodyBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/push").RequireRateLimiting(RateLimitPolicy).DisableAntiforgery()
            .AddEndpointFilter((context, next) =>
            {
                // A JSON API answers with its own statuses; the site's HTML error pages would turn a POST's 404 into a 400.
                context.HttpContext.KeepOwnErrorBody();
                return next(context);
            });
        push.MapPost("/subscriptions", SubscribeAsync);
        push.MapDelete("/subscriptions", UnsubscribeAsync);
        push.MapPost("/clicks", CountClickAsync);
        app.MapGet("/push/vapid-public-key", async (VapidKeys keys, HttpContext context, CancellationToken cancellationToken) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Ok(new { publicKey = await keys.PublicKeyAsync(cancellationToken) });
        });
    }

    private static async Task<Results<Created<SubscriptionView>, Ok<SubscriptionView>, ValidationProblem, StatusCodeHttpResult>> SubscribeAsync(
        HttpContext context, BacklotDb db, EndpointPolicy policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await ReadBodyAsync(context, errors, cancellationToken) is not { } body)
        {
            return errors.Count == 0 ? TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge) : TypedResults.ValidationProblem(errors);
        }

        if (SubscriptionRequest.Parse(body, policy, topicsRequired: true, errors) is not { } request)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var endpoint = request.Endpoint.AbsoluteUri;
        var existing = await db.Set<PushSubscription>().AsTracking().Include(s => s.Topics).FirstOrDefaultAsync(s => s.Endpoint == endpoint, cancellationToken);
        var created = existing is null;
        var subscription = existing ?? new PushSubscription { Endpoint = endpoint, P256dh = request.P256dh, Auth = request.Auth, CreatedAt = now };
        subscription.P256dh = request.P256dh;
        subscription.Auth = request.Auth;
        subscription.UpdatedAt = now;
        subscription.FailureCount = 0;
        subscription.Topics.RemoveAll(t => !request.Topics.Contains(t.Topic));
        foreach (var topic in request.Topics.Where(t => !subscription.Topics.Exists(existingTopic => existingTopic.Topic == t)))
        {
            subscription.Topics.Add(new PushSubscriptionTopic { Topic = topic });
        }

        if (created)
        {
            db.Set<PushSubscription>().Add(subscription);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same browser subscribed twice at once; the other request's row stands.
            return TypedResults.StatusCode(StatusCodes.Status409Conflict);
        }

        var view = new SubscriptionView([.. request.Topics]);
        return created ? TypedResults.Created((string?)null, view) : TypedResults.Ok(view);
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, StatusCodeHttpResult>> UnsubscribeAsync(
        HttpContext context, BacklotDb db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await ReadBodyAsync(context, errors, cancellationToken) is not { } body)
        {
            return errors.Count == 0 ? TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge) : TypedResults.ValidationProblem(errors);
        }

        // Knowing the endpoint is not enough: the auth secret proves the request comes from the browser that holds it.
        string? endpoint = null;
        byte[]? auth = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("subscription", out var subscription) && subscription.ValueKind == JsonValueKind.Object)
        {
            endpoint = subscription.TryGetProperty("endpoint", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            auth = subscription.TryGetProperty("keys", out var k) && k.ValueKind == JsonValueKind.Object && k.TryGetProperty("auth", out var a) && a.ValueKind == JsonValueKind.String
                ? Base64UrlText.TryDecode(a.GetString())
                : null;
        }

        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subscription.endpoint"] = ["The endpoint is required."] });
        }

        if (auth is not { Length: WebPushEncryption.AuthSecretLength })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subscription.keys.auth"] = ["auth must be the subscription's 16-byte secret, base64url."] });
        }

        var normalized = uri.AbsoluteUri;
        var authText = Base64UrlText.Encode(auth);
        var deleted = await db.Set<PushSubscription>().Where(x => x.Endpoint == normalized && x.Auth == authText).ExecuteDeleteAsync(cancellationToken);
        return deleted > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem, StatusCodeHttpResult>> CountClickAsync(
        HttpContext context, PushCampaigns campaigns, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (await ReadBodyAsync(context, errors, cancellationToken) is not { } body)
        {
            return errors.Count == 0 ? TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge) : TypedResults.ValidationProblem(errors);
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("campaign", out var id) || !id.TryGetInt32(out var campaignId) || campaignId <= 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["campaign"] = ["The campaign id is required."] });
        }

        return await campaigns.CountClickAsync(campaignId, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>The JSON body, at most 16 KB; null with an error named "body" when it is not JSON, null with no error when it is too large.</summary>
    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            errors["body"] = ["Send the subscription as application/json."];
            return null;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxBodyBytes)
            {
                return null;
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 8 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            errors["body"] = ["The body is not valid JSON."];
            return null;
        }
    }

    internal sealed record SubscriptionView(List<string> Topics);
}
