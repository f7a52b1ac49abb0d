using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Demo;
using Backlot.Features.Discovery;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Backlot.Infrastructure;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = CommandLineArguments.Normalize(args) });
builder.Configuration.AddEnvironmentVariables("BACKLOT_");
builder.Configuration.AddCommandLine(CommandLineArguments.Normalize(args), CommandLineArguments.SwitchMappings);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:5000");
}

builder.AddData();
builder.AddSite();
builder.AddArticles();
builder.AddMedia();
builder.AddDiscovery();
builder.AddDemo();

var app = builder.Build();

if (!await app.TryPrepareDatabaseAsync())
{
    return 1;
}

await app.SeedDemoContentAsync();

app.UseSite();
app.UseArticleRedirects();
app.UseSiteAssets();
app.UseMediaFiles();
app.UseRouting();
app.UseCachingAndCompression();
app.MapSite();
app.MapDiscovery();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"Backlot is running at {url} (data: {app.Services.GetRequiredService<DataFolder>().Path})");
    }
});

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
