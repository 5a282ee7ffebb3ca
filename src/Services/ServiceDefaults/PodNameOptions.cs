namespace Netra.ServiceDefaults;

/// <summary>
/// The name of the pod a service runs in, which every response carries (<see cref="PodNameHeader"/>): the Downward API
/// gives it in <c>POD_NAME</c> (every service chart sets it); elsewhere (a local run, a service started by hand) it is
/// the machine's name.
/// </summary>
public sealed class PodNameOptions
{
    /// <summary>The configuration key, so the environment variable of that name (or <c>--POD_NAME=</c>) sets it.</summary>
    public const string Key = "POD_NAME";

    public string Name { get; set; } = Environment.MachineName;
}
