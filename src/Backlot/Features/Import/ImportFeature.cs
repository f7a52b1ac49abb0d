namespace Backlot.Features.Import;

public static class ImportFeature
{
    /// <summary>The WordPress importer and exporter, the JSON export and backups: used by the `backlot` commands and the admin's import page.</summary>
    public static WebApplicationBuilder AddImport(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<WordPressImporter>();
        builder.Services.AddScoped<WordPressExporter>();
        builder.Services.AddScoped<JsonExporter>();
        builder.Services.AddScoped<BackupArchive>();
        builder.Services.AddSingleton<ImportJobs>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return builder;
    }
}
