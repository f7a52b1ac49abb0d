using Backlot.Data;
using Backlot.Features.Articles;

namespace Backlot.Features.Discovery;

public static class DiscoveryFeature
{
    /// <summary>Search, related stories, feeds, sitemaps and structured data.</summary>
    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<DiscoveryOptions>(builder.Configuration.GetSection(DiscoveryOptions.Section));
        builder.Services.AddScoped<StructuredData>();
        builder.Services.AddScoped<FeedWriter>();
        builder.Services.AddScoped<Sitemaps>();
        builder.Services.AddScoped<ISearchIndex>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresSearchIndex>(sp)
            : ActivatorUtilities.CreateInstance<SqliteSearchIndex>(sp));
        builder.Services.AddScoped<SearchIndexWriter>();
        builder.Services.AddScoped<RelatedStories>();
        builder.Services.AddScoped<IArticleChangeHandler, DiscoveryChangeHandler>();
        builder.Services.AddHostedService<DiscoveryStartup>();
        builder.Services.AddSingleton<RelatedRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RelatedRefresher>());
        return builder;
    }

    /// <summary>The search suggestions endpoint, feeds, sitemaps and robots.txt.</summary>
    public static WebApplication MapDiscovery(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        SearchEndpoints.Map(app);
        FeedEndpoints.Map(app);
        SitemapEndpoints.Map(app);
        return app;
    }
}
