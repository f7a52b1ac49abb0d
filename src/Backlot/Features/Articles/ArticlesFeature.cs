namespace Backlot.Features.Articles;

public static class ArticlesFeature
{
    public static WebApplicationBuilder AddArticles(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddScoped<ArticleReader>();
        builder.Services.AddScoped<ArticleEditor>();
        builder.Services.AddScoped<ArticleChangeNotifier>();
        builder.Services.AddScoped<ScheduledPublisher>();
        builder.Services.AddScoped<Admin.ArticleAccess>();
        builder.Services.AddHostedService<ScheduledPublishing>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Articles/Admin/ArticleEdit", "admin/articles/new"));
        return builder;
    }

    /// <summary>301s for old URLs, checked only for requests nothing else answered.</summary>
    public static WebApplication UseArticleRedirects(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RedirectMiddleware>();
        return app;
    }
}
