using Netra.Backend;
using Netra.ServiceDefaults;

return await StartupErrors.RunAsync("backend", () => BackendApp.Create(args));
