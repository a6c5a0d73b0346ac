// The inbox's one door to the send path (decision 016): the page's actions and loader call these services.
export { composerOptions, retryMessage, sendMessage } from "../../workers/messaging/send.service";
