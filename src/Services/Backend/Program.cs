using Netra.Backend;

await BackendApp.Create(args).RunAsync();
