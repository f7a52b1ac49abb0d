using Backlot.Cli;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.Features.Comments;
using Backlot.Features.Demo;
using Backlot.Features.Discovery;
using Backlot.Features.Import;
using Backlot.Features.Media;
using Backlot.Features.Push;
using Backlot.Features.Site;
using Backlot.Infrastructure;
using Backlot.Infrastructure.Redis;
using Backlot.Infrastructure.Telemetry;

// `backlot` serves the site; `backlot import|export|backup|restore|migrate|…` run a command (Cli/).
MallocArenas.Limit();
return await BacklotCommandLine.RunAsync(args);

/// <summary>The composition root: the site's services and request pipeline, shared by `serve` and every other command.</summary>
public partial class Program
{
    /// <summary>Every feature's services. Commands that need the database build this same container without serving.</summary>
    internal static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = CommandLineArguments.Normalize(args) });
        builder.Configuration.AddEnvironmentVariables("BACKLOT_");
        builder.Configuration.AddCommandLine(CommandLineArguments.Normalize(args), CommandLineArguments.SwitchMappings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://localhost:5000");
        }

        builder.AddTelemetry();
        builder.AddData();
        builder.AddReadiness();
        builder.AddRedis(); // before the features: they share caches, limits and messages through it when Redis:Configuration is set
        builder.AddSite(); // first of the features: AddRazorPages resets page conventions that others add
        builder.AddAccounts();
        builder.AddArticles();
        builder.AddMedia();
        builder.AddDiscovery();
        builder.AddDemo();
        builder.AddPush();
        builder.AddImport();
        builder.AddComments();
        return builder;
    }

    /// <summary>Serves the site until stopped; 1 when the database cannot be opened.</summary>
    internal static async Task<int> ServeAsync(string[] args)
    {
        var app = CreateBuilder(args).Build();

        if (!await app.TryConnectRedisAsync() || !await app.TryPrepareDatabaseAsync())
        {
            return 1;
        }

        await app.PrepareAccountsAsync();
        await app.SeedDemoContentAsync();

        app.UseSite();
        app.UseStorageFailures();
        app.UseArticleRedirects();
        app.UseSiteAssets();
        app.UseMediaFiles();
        app.UseRouting();
        app.UseAccounts();
        app.UseRateLimiter(); // once, for every feature's policies (sign-in, push subscriptions, comments)
        app.UseComments();
        app.UseCachingAndCompression();
        app.MapSite();
        app.MapReadiness();
        app.MapPush();
        app.MapDiscovery();
        app.MapComments();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"Backlot is running at {url} (data: {app.Services.GetRequiredService<DataFolder>().Path})");
            }
        });

        await app.RunAsync();
        return 0;
    }
}
