using Microsoft.AspNetCore.Authorization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Backlot.Infrastructure.Redis;

namespace Backlot.Features.Accounts;

public static class AccountsFeature
{
    public const string SignInRateLimit = "sign-in";

    /// <summary>ASP.NET Core Identity with cookie sign-in, the role policies and the first-run setup link.</summary>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.AddIdentityCore<BacklotUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<Data.BacklotDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/admin/sign-in";
            cookie.LogoutPath = "/admin/sign-out";
            cookie.Cookie.Name = "backlot.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.EventsType = typeof(SessionCookieEvents);
        });
        builder.Services.AddScoped<SessionCookieEvents>();
        builder.Services.AddScoped<SignedInSessions>();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.AtLeast(Roles.Contributor)))
            .AddPolicy(Policies.Authors, p => p.RequireRole(Roles.AtLeast(Roles.Author)))
            .AddPolicy(Policies.Editors, p => p.RequireRole(Roles.AtLeast(Roles.Editor)))
            .AddPolicy(Policies.Administrators, p => p.RequireRole(Roles.AtLeast(Roles.Administrator)));

        builder.Services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.Add(new AdminAuthorizationConvention()));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the form is free.
            limiter.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? SharedRateLimitPartition.GetFixedWindowLimiter(
                    context,
                    SignInRateLimit,
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Accounts:SignInAttemptsPerMinute", 20),
                        Window = TimeSpan.FromMinutes(1),
                    })
                : RateLimitPartition.GetNoLimiter("show"));
        });

        builder.Services.AddSingleton(_ => SignInThrottle.InMemory(builder.Configuration.GetValue("Accounts:SignInAttemptsPerAccount", SignInThrottle.PermitsPerWindow)));
        builder.Services.AddScoped<AccountSignIn>();
        builder.Services.AddScoped<AccountDirectory>();
        builder.Services.AddScoped<FirstRunSetup>();
        return builder;
    }

    /// <summary>Creates the roles, and prints a one-time setup link while the site has no administrator.</summary>
    public static async Task PrepareAccountsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<FirstRunSetup>();
        await setup.EnsureRolesAsync();
        if (await setup.NeedsAdministratorAsync())
        {
            var token = await setup.IssueTokenAsync();
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var baseUrl = app.Urls.FirstOrDefault() ?? "http://localhost:5000";
                Console.WriteLine($"No administrator yet. Create one within 24 hours at {baseUrl}/admin/setup?token={token}");
            });
        }
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}

/// <summary>
/// Requires at least Contributor for every page in an Admin folder (Features/*/Admin, Features/Admin),
/// so a new admin page is protected unless it says [AllowAnonymous] (which wins over this).
/// </summary>
internal sealed class AdminAuthorizationConvention : Microsoft.AspNetCore.Mvc.ApplicationModels.IPageApplicationModelConvention
{
    public void Apply(Microsoft.AspNetCore.Mvc.ApplicationModels.PageApplicationModel model)
    {
        if (model.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal) || model.ViewEnginePath.Contains("/Admin/", StringComparison.Ordinal))
        {
            model.EndpointMetadata.Add(new AuthorizeAttribute(Policies.Staff));
        }
    }
}
