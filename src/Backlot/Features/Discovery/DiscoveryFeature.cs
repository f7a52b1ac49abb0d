namespace Backlot.Features.Discovery;

public static class DiscoveryFeature
{
    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<StructuredData>();
        return builder;
    }
}
