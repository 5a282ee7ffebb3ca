using Netra.Agent;
using Netra.ServiceDefaults;

return await StartupErrors.RunAsync("agent", () => AgentApp.Create(args));
