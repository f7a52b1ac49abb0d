namespace Backlot.Infrastructure;

/// <summary>
/// Which instance this process is and what role it plays, for logs and telemetry: several
/// instances write to one log store, and an operator must tell them apart.
/// </summary>
/// <remarks>The role is read as configured; checking it against the known roles belongs to the code that acts on it.</remarks>
public sealed class InstanceIdentity(string name, string role)
{
    public const string NameKey = "Instance:Name";
    public const string RoleKey = "Role";
    public const string DefaultRole = "all";

    /// <summary>Unique among the instances of one site: <c>Instance:Name</c>, else the machine name and process id.</summary>
    public string Name { get; } = name;

    /// <summary><c>web</c>, <c>worker</c> or <c>all</c> (the default).</summary>
    public string Role { get; } = role;

    public static InstanceIdentity From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration[NameKey];
        var role = configuration[RoleKey];
        return new InstanceIdentity(
            string.IsNullOrWhiteSpace(name) ? $"{Environment.MachineName}-{Environment.ProcessId}" : name.Trim(),
            string.IsNullOrWhiteSpace(role) ? DefaultRole : role.Trim().ToLowerInvariant());
    }

    public override string ToString() => $"{Name} ({Role})";
}
