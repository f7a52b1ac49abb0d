using System.CommandLine;
using Backlot.Features.Accounts;
using Backlot.Features.Push;

namespace Backlot.Cli;

/// <summary>`backlot user add` and `backlot push keys`: the operator's tools for accounts and web push keys.</summary>
internal static class AccountCommands
{
    public static Command UserAdd(CommandContext context)
    {
        var email = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", Roles.All)}.", DefaultValueFactory = _ => Roles.Administrator };
        var name = new Option<string>("--name") { Description = "The byline (default: the part of the email before @)." };
        var password = new Option<string>("--password") { Description = "The password (at least 10 characters); without it, the account gets a one-time invitation link." };
        var add = new Command("add", "Add an account; prints an invitation link unless --password is given.") { email, role, name, password };
        add.SetAction(async (parse, token) =>
        {
            await using var app = await context.OpenSiteAsync(parse, prepareDatabase: true);
            if (app is null)
            {
                return BacklotCommandLine.Failed;
            }

            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FirstRunSetup>().EnsureRolesAsync();
            var directory = scope.ServiceProvider.GetRequiredService<AccountDirectory>();
            var address = parse.GetValue(email)!.Trim();
            var result = await directory.CreateAsync(address, parse.GetValue(name) ?? address.Split('@')[0], parse.GetValue(role)!, parse.GetValue(password));
            if (!result.Succeeded)
            {
                return await context.FailAsync("The account was not created: " + string.Join(" ", result.Errors.Select(e => e.Description)), BacklotCommandLine.BadInput);
            }

            if (parse.GetValue(password) is null)
            {
                var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BacklotUser>>();
                var user = (await users.FindByEmailAsync(address))!;
                var invitation = await directory.InviteTokenAsync(user);
                var baseUrl = app.Configuration["Site:BaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : "http://localhost:5000";
                await context.Output.WriteLineAsync($"Account created. Send this one-time link (valid 24 hours) to set the password:");
                await context.Output.WriteLineAsync($"{baseUrl}/admin/invitation?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(invitation)}");
            }
            else
            {
                await context.Output.WriteLineAsync($"Account {address} created with the role {parse.GetValue(role)}.");
            }

            return 0;
        });
        return add;
    }

    public static Command PushKeys(CommandContext context)
    {
        var rotate = new Option<bool>("--rotate") { Description = "Replace the keys. Every browser subscribed with the old key stops receiving notifications and is deleted." };
        var keys = new Command("keys", "Show the public VAPID key web push uses (created at first start).") { rotate };
        keys.SetAction(async (parse, token) =>
        {
            await using var app = await context.OpenSiteAsync(parse, prepareDatabase: true);
            if (app is null)
            {
                return BacklotCommandLine.Failed;
            }

            await using var scope = app.Services.CreateAsyncScope();
            var vapid = scope.ServiceProvider.GetRequiredService<VapidKeys>();
            if (parse.GetValue(rotate))
            {
                var (publicKey, deleted) = await vapid.RotateAsync(confirmed: true, token);
                await context.Error.WriteLineAsync($"Warning: the keys were replaced; {deleted} subscriptions made with the old key were deleted. Readers must subscribe again.");
                await context.Output.WriteLineAsync(publicKey);
                return 0;
            }

            await context.Output.WriteLineAsync(await vapid.PublicKeyAsync(token));
            return 0;
        });
        return keys;
    }
}
