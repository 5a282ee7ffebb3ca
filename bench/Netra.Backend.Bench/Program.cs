using Netra.Backend.Bench;

// `serve` is the child process hosting the services, `serve-echo` the bare echo server beside them; anything else is the load generator.
if (args.Length > 0 && args[0] == "serve")
{
    await ServerHost.RunAsync(BenchOptions.Parse(args[1..]));
    return 0;
}

if (args.Length > 0 && args[0] == "serve-echo")
{
    await EchoHost.RunAsync();
    return 0;
}

return await LoadRun.RunAsync(BenchOptions.Parse(args), args);
