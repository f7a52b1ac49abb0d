using System.IO.Compression;
using System.Threading.RateLimiting;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Backlot.Infrastructure;
using Backlot.Infrastructure.Redis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.ResponseCompression;

namespace Backlot.Features.Site;

public static class SiteFeature
{
    /// <summary>Razor Pages from the feature folders, output caching, compression, the layout's services.</summary>
    public static WebApplicationBuilder AddSite(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.Section));

        builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");
        builder.Services.Configure<RouteOptions>(options => options.SetParameterPolicy<Taxonomy.SlugRouteConstraint>(Taxonomy.SlugRouteConstraint.Name));

        // Antiforgery and sign-in cookies must survive restarts and be shared by every instance: keys live in Redis
        // when it is configured (no shared disk needed), in the data folder otherwise.
        builder.Services.AddDataProtection().SetApplicationName("Backlot");
        RedisSetup.PersistKeys(builder.Services, builder.Configuration, sp =>
            new FileSystemXmlRepository(new DirectoryInfo(sp.GetRequiredService<DataFolder>().KeysPath), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHttpContextAccessor();

        // Razor escapes what HTML needs escaped; leaving other characters as they are keeps pages small and readable.
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SiteUrls>();
        builder.Services.AddSingleton<AssetUrls>();
        builder.Services.AddSingleton<SiteSettings>();
        builder.Services.AddSingleton<SiteNavigation>();
        builder.Services.AddSingleton<PublicPageCache>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) =>
            {
                var context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "60";
                return ValueTask.CompletedTask; // no body: browsers get the "Too many requests" page, JSON clients problem details (ErrorResponses)
            };
        });
        builder.Services.AddOutputCache();
        RedisSetup.ShareOutputCacheEvictions(builder.Services, builder.Configuration, everythingTag: PublicPageCache.PolicyName);
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<SiteOptions>>((options, site) => PublicPageCache.AddPolicy(options, site.Value.OutputCache));
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // pages carry no secrets an attacker could guess byte by byte (BREACH)
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "image/svg+xml", "application/manifest+json"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return builder;
    }

    /// <summary>The request pipeline up to the endpoints; order matters and is explained inline.</summary>
    public static WebApplication UseSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders(ForwardedHeaders(app.Services.GetRequiredService<IOptions<SiteOptions>>().Value));
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error/500");
            app.UseHsts();
        }

        // Error statuses without a body get the site's error page, status kept, or problem details for JSON clients.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseErrorResponses();
        return app;
    }

    private static ForwardedHeadersOptions ForwardedHeaders(SiteOptions site)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
        foreach (var proxy in site.TrustedProxies)
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"Site:TrustedProxies: \"{proxy}\" is not an IP address or CIDR range.");
            }
        }

        return options;
    }

    /// <summary>
    /// Files from wwwroot. Pages link them with a content hash (<see cref="AssetUrls"/>), so a versioned
    /// request is cached for a year and a changed file gets a new URL.
    /// </summary>
    public static WebApplication UseSiteAssets(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/css") || context.Request.Path.StartsWithSegments("/js") || context.Request.Path.Value is "/favicon.svg",
            branch => branch.UseResponseCompression());
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
        });
        return app;
    }

    /// <summary>
    /// After routing (policies come from endpoint metadata). Caching sits outside compression so
    /// cached entries hold compressed bytes: a hit costs no CPU.
    /// </summary>
    public static WebApplication UseCachingAndCompression(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseOutputCache();

        app.UseResponseCompression();
        return app;
    }

    public static WebApplication MapSite(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages().AllowOnlyHandledMethods(); // 405 with Allow for a method no handler answers
        // Liveness only: the stores are readiness's (/readyz, Infrastructure/Readiness.cs).
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = check => !check.Tags.Contains(Readiness.Tag) }).DisableHttpMetrics();
        return app;
    }
}
