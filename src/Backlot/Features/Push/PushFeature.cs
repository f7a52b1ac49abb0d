using System.Threading.RateLimiting;
using Backlot.Features.Articles;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Backlot.Infrastructure.Redis;

namespace Backlot.Features.Push;

public static class PushFeature
{
    /// <summary>Subscriptions, VAPID keys, campaigns, the sender and the rate limit on subscribing.</summary>
    public static WebApplicationBuilder AddPush(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddPushServices(builder.Services);
        builder.Services.AddScoped<IArticleChangeHandler, ArticlePushHandler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PushSender>());
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PushEndpoints.RateLimitPolicy, context => SharedRateLimitPartition.GetFixedWindowLimiter(
                context,
                PushEndpoints.RateLimitPolicy,
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptionsMonitor<PushOptions>>().CurrentValue.SubscriptionsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return builder;
    }

    /// <summary>The services that send, without the web parts: also what the push benchmark builds on.</summary>
    internal static IServiceCollection AddPushServices(IServiceCollection services)
    {
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.Section);
        services.AddSingleton<EndpointPolicy>();
        services.AddSingleton<VapidKeys>();
        services.AddSingleton<VapidTokens>();
        services.AddSingleton<PushSendSignal>();
        services.AddSingleton(sp => new PushDelivery(
            sp.GetRequiredService<VapidTokens>(), sp.GetRequiredService<EndpointPolicy>(), sp.GetRequiredService<IOptionsMonitor<PushOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PushDelivery>>()));
        services.AddSingleton<PushCampaignRunner>();
        services.AddSingleton<PushSender>();
        services.AddScoped<PushCampaigns>();
        return services;
    }

    /// <summary>After routing: the rate limiter, then the endpoints browsers call. The service worker is a static file, /sw.js.</summary>
    public static WebApplication MapPush(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        PushEndpoints.Map(app);
        return app;
    }
}
