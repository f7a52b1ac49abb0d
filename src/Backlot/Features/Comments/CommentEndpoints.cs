using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Backlot.Data;
using Backlot.Features.Articles;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments;

/// <summary>
/// What the comment script calls: a fresh form state (the article pages are cached whole, so the
/// security token, the signed time and the remembered details come from here), and the live stream.
/// Posting is the PostComment page, which also serves readers without JavaScript.
/// </summary>
internal static class CommentEndpoints
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(25);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/articles/{id:int}/comments/form", FormStateAsync);
        app.MapGet("/articles/{id:int}/comments/events", EventsAsync);
    }

    private static async Task<IResult> FormStateAsync(
        int id, HttpContext context, BacklotDb db, IAntiforgery antiforgery, CommentFormStamp stamps, CommenterCookie cookie, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await IsPublicAsync(db, id, clock, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        var remembered = cookie.Read(context);
        return TypedResults.Ok(new
        {
            tokenField = tokens.FormFieldName,
            token = tokens.RequestToken,
            stamp = stamps.Issue(id),
            name = remembered?.Name ?? "",
            email = remembered?.Email ?? "",
            website = remembered?.Website ?? "",
            remember = remembered is not null,
        });
    }

    private static async Task<IResult> EventsAsync(
        int id, HttpContext context, BacklotDb db, CommentThreads threads, CommentBroadcast broadcast, IHostApplicationLifetime lifetime, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await IsPublicAsync(db, id, clock, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        // EventSource sends Last-Event-ID when it reconnects; the page passes where its thread ended on the first connection.
        var since = CommentEventMarker.Parse(context.Request.Headers["Last-Event-ID"].ToString()) ?? CommentEventMarker.Parse(context.Request.Query["since"].ToString());
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on at once
        var subscription = broadcast.Subscribe(id);
        context.Response.RegisterForDispose(subscription);
        var backlog = since is { } marker ? await threads.ApprovedSinceAsync(id, marker, cancellationToken) : [];
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        context.Response.RegisterForDispose(stopping);
        return TypedResults.ServerSentEvents(StreamAsync(backlog, subscription, stopping.Token));
    }

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(List<CommentEvent> backlog, CommentBroadcast.Subscription subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribed before the backlog was read: an approval in between arrives twice rather than never; the page ignores repeats.
        yield return new SseItem<string>("{}", "ready") { ReconnectionInterval = TimeSpan.FromSeconds(2) };
        foreach (var change in backlog)
        {
            yield return Item(change);
        }

        var reader = subscription.Reader;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            beat.CancelAfter(Heartbeat);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(beat.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                more = true;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            var sent = false;
            while (reader.TryRead(out var change))
            {
                sent = true;
                yield return Item(change);
            }

            if (!sent)
            {
                yield return new SseItem<string>("{}", "ping"); // keeps proxies from closing an idle stream
            }
        }
    }

    private static SseItem<string> Item(CommentEvent change) => new(change.Data, change.Type) { EventId = change.Id };

    private static Task<bool> IsPublicAsync(BacklotDb db, int id, TimeProvider clock, CancellationToken cancellationToken) =>
        db.Articles.Where(a => a.Id == id).Where(ArticleVisibility.PublicAt(clock.GetUtcNow().UtcDateTime)).AnyAsync(cancellationToken);
}
