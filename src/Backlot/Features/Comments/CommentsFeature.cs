using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Backlot.Infrastructure.Redis;

namespace Backlot.Features.Comments;

/// <summary>Comments: posting, spam defence, moderation and the live stream.</summary>
public static class CommentsFeature
{
    public const string RateLimitPolicy = "comments";

    public static WebApplicationBuilder AddComments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CommentHashes>();
        builder.Services.AddSingleton<CommentFormStamp>();
        builder.Services.AddSingleton<CommenterCookie>();
        builder.Services.AddSingleton<CommentBroadcast>();
        builder.Services.AddScoped<CommentThreads>();
        builder.Services.AddScoped<CommentSections>();
        builder.Services.AddScoped<CommentAnnouncements>();
        builder.Services.AddScoped<CommentPosting>();
        builder.Services.AddScoped<CommentModeration>();
        builder.Services.AddScoped<Admin.CommentQueue>();
        builder.Services.AddScoped<Admin.StaffReplies>();
        builder.Services.AddRateLimiter(options => options.AddPolicy(RateLimitPolicy, context => HttpMethods.IsPost(context.Request.Method)
            ? SharedRateLimitPartition.GetFixedWindowLimiter(
                context,
                RateLimitPolicy,
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Comments:PostsPerMinute", 5),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                })
            : RateLimitPartition.GetNoLimiter("read")));
        return builder;
    }

    /// <summary>After the rate limiter, so a flood is refused before its bytes are read: the check of a comment post's raw form.</summary>
    public static WebApplication UseComments(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseCommentFormGuard();
        return app;
    }

    /// <summary>The form state and the live stream; posting is the PostComment page.</summary>
    public static WebApplication MapComments(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        CommentEndpoints.Map(app);
        return app;
    }
}
