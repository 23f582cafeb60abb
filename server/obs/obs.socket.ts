import OBSWebSocket, {
  EventSubscription,
  type OBSEventTypes,
  type OBSRequestTypes,
  type OBSResponseTypes,
} from 'obs-websocket-js';

/** The OBS events Lectern listens to. */
export type ObsEvents = Pick<
  OBSEventTypes,
  | 'CurrentProgramSceneChanged'
  | 'StreamStateChanged'
  | 'RecordStateChanged'
  | 'SceneCreated'
  | 'SceneRemoved'
  | 'SceneNameChanged'
  | 'CurrentSceneCollectionChanging'
  | 'CurrentSceneCollectionChanged'
  | 'ExitStarted'
>;
export type ObsEventName = keyof ObsEvents;

/** Event groups Lectern subscribes to: scenes, outputs, config (scene collections), general (exit). */
export const OBS_EVENT_SUBSCRIPTIONS =
  EventSubscription.General | EventSubscription.Config | EventSubscription.Scenes | EventSubscription.Outputs;

/** An error from OBS or the link: `code` is the request status (e.g. 207, 600) or the websocket close code (e.g. 4009). */
export interface ObsErrorLike {
  code?: number;
  message: string;
}

/** What Lectern needs of an obs-websocket client (obs-websocket-js, or a fake in unit tests). */
export interface ObsSocket {
  /** Opens and identifies; rejects with the close code (e.g. 4009) when OBS refuses. */
  connect(
    url: string,
    password: string | undefined,
    params: { rpcVersion: number; eventSubscriptions: number },
  ): Promise<{ obsWebSocketVersion: string }>;
  disconnect(): Promise<void>;
  call<T extends keyof OBSRequestTypes>(requestType: T, requestData?: OBSRequestTypes[T]): Promise<OBSResponseTypes[T]>;
  on<E extends ObsEventName>(event: E, listener: (data: ObsEvents[E]) => void): void;
  /** The session ended after it was identified (or a connect attempt failed). */
  onClosed(listener: (error: ObsErrorLike) => void): void;
}

/** A real obs-websocket client (protocol v5, msgpack in Node). */
export function createObsSocket(): ObsSocket {
  const ws = new OBSWebSocket();
  return {
    connect: (url, password, params) => ws.connect(url, password, params),
    disconnect: () => ws.disconnect(),
    call: (requestType, requestData) => ws.call(requestType, requestData),
    on(event, listener) {
      (ws.on as (event: string, listener: (data: unknown) => void) => void)(event, listener as (data: unknown) => void);
    },
    onClosed(listener) {
      ws.on('ConnectionClosed', (error) => listener({ code: error.code, message: error.message }));
    },
  };
}
