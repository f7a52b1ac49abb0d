namespace Backlot.Features.Demo;

public static class DemoFeature
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<DemoSeeder>();
        return builder;
    }

    /// <summary>Adds the demo content to a new site unless "Demo:Enabled" is false (the --no-demo flag).</summary>
    public static async Task SeedDemoContentAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue("Demo:Enabled", defaultValue: true))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfNewAsync(app.Lifetime.ApplicationStopping);
    }
}
