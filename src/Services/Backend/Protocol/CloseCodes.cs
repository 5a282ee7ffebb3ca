using System.Net.WebSockets;

namespace Netra.Backend.Protocol;

/// <summary>WebSocket close codes the backend uses.</summary>
public static class CloseCodes
{
    public const WebSocketCloseStatus Normal = WebSocketCloseStatus.NormalClosure;
    public const WebSocketCloseStatus ServerStopping = WebSocketCloseStatus.EndpointUnavailable;
    public const WebSocketCloseStatus SendQueueFull = WebSocketCloseStatus.PolicyViolation;
    public const WebSocketCloseStatus FrameTooLarge = WebSocketCloseStatus.MessageTooBig;
    public const WebSocketCloseStatus AuthExpired = (WebSocketCloseStatus)4001;
    public const WebSocketCloseStatus RateLimited = (WebSocketCloseStatus)4029;
}
