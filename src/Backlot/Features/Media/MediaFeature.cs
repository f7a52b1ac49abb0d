using Backlot.Infrastructure;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Backlot.Features.Media;

/// <summary>The "Media" configuration section.</summary>
public sealed class MediaOptions
{
    /// <summary>The largest file accepted for upload; 20 MB unless configured.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How many images are decoded at once, across every upload path; the others wait.</summary>
    public int ImageConcurrency { get; set; } = ImageProcessor.DefaultConcurrency;
}

public static class MediaFeature
{
    /// <summary>The most a request carrying uploads may send (several files at once).</summary>
    public const long MaxRequestBytes = 200 * 1024 * 1024;

    public static WebApplicationBuilder AddMedia(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<MediaOptions>(builder.Configuration.GetSection("Media"));
        builder.Services.AddSingleton<IMediaStore, DiskMediaStore>();
        builder.Services.AddSingleton(services => new ImageProcessor(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MediaOptions>>().Value.ImageConcurrency));
        builder.Services.AddSingleton<PictureMarkup>();
        builder.Services.AddScoped<MediaLibrary>();
        return builder;
    }

    /// <summary>Serves stored media at /media. File names are generated per upload and never reused, so they are cached for a year.</summary>
    public static WebApplication UseMediaFiles(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = app.Services.GetRequiredService<DataFolder>();
        Directory.CreateDirectory(folder.MediaPath);
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = DiskMediaStore.UrlPrefix,
            FileProvider = new PhysicalFileProvider(folder.MediaPath),
            ServeUnknownFileTypes = false,
            OnPrepareResponse = file =>
                file.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable",
        });
        return app;
    }
}
