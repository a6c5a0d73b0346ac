import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  pointerWithin,
  rectIntersection,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { CollisionDetection, DragEndEvent, DragOverEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from "@dnd-kit/sortable";
import usePartySocket from "partysocket/react";
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import { guardRoomSocket, roomSocketOptions } from "../../lib/room-socket";
import { CardDrawer } from "./card-drawer";
import { CardTile } from "./card-tile";
import {
  STAGES,
  findCard,
  matchesFilter,
  moveCard,
  neighbours,
  removeCard,
  toColumns,
  upsertCard,
} from "./board-state";
import type { BoardCard, Columns, Stage } from "./board-state";

/**
 * Which column or card a dragged card is over. `closestCorners` alone fails on a real board: a column's droppable
 * is as tall as the longest column, so an empty column's far corners lose to any card next door and a drop there
 * snaps back. So: what the pointer is inside (mouse), else what the dragged card overlaps (keyboard), a card
 * before its column; corners only when nothing is hit.
 */
const boardCollisions: CollisionDetection = (args) => {
  const inside = pointerWithin(args);
  const hits = inside.length > 0 ? inside : rectIntersection(args);
  if (hits.length === 0) return closestCorners(args);
  const card = hits.find((hit) => !String(hit.id).startsWith("column:"));
  return card ? [card] : hits;
};

type LiveCardEvent =
  | { type: "card.upserted"; card: BoardCard }
  | { type: "card.deleted"; cardId: string }
  | { type: string };

function applyLive(columns: Columns, msg: LiveCardEvent): Columns {
  if (msg.type === "card.upserted" && "card" in msg) return upsertCard(columns, msg.card);
  if (msg.type === "card.deleted" && "cardId" in msg) return removeCard(columns, msg.cardId);
  return columns;
}

interface BoardProps {
  workspaceId: string;
  pipelineId: string;
  stages: { stage: Stage; cards: BoardCard[] }[];
}

function Column({
  stage,
  cards,
  filter,
  onOpen,
}: {
  stage: Stage;
  cards: BoardCard[];
  filter: string;
  onOpen: (id: string) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `column:${stage}`, data: { stage } });
  const visible = cards.filter((c) => matchesFilter(c, filter));
  return (
    <section
      aria-label={stage}
      className={`flex w-72 shrink-0 flex-col rounded-2xl border bg-ink-950/60 p-3 sm:w-auto ${isOver ? "border-accent-400" : "border-ink-800"}`}
    >
      <h2 className="mb-3 flex items-center justify-between text-sm font-medium text-ink-300">
        {stage}{" "}
        <span className="rounded-md bg-ink-800 px-1.5 text-xs">
          {cards.length}
          <span className="sr-only"> cards</span>
        </span>
      </h2>
      <SortableContext id={stage} items={visible.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="flex min-h-24 flex-1 flex-col gap-2" data-stage={stage}>
          {visible.map((card) => (
            <CardTile key={card.id} card={card} onOpen={onOpen} />
          ))}
          {visible.length === 0 && (
            <li className="rounded-xl border border-dashed border-ink-800 p-4 text-center text-xs text-ink-500">
              Drop leads here
            </li>
          )}
        </ul>
      </SortableContext>
    </section>
  );
}

export function Board({ workspaceId, pipelineId, stages }: BoardProps) {
  const [columns, setColumns] = useState<Columns>(() => toColumns(stages));
  const [filter, setFilter] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const lastDragEnd = useRef(0);
  // The pointer-up that ends a drag also clicks the card; that click must not open it.
  const openCard = (id: string) => {
    if (Date.now() - lastDragEnd.current > 250) setOpenId(id);
  };
  const snapshot = useRef<Columns | null>(null);
  const revalidator = useRevalidator();
  useEffect(() => setColumns(toColumns(stages)), [stages]);

  const connectedOnce = useRef(false);
  const [liveEnded, setLiveEnded] = useState<string | null>(null);
  const socket = usePartySocket({
    party: "live-room",
    room: `${workspaceId}.board-${pipelineId}`,
    ...roomSocketOptions,
    onOpen: () => {
      // After a network loss, catch up on whatever was missed while offline.
      if (connectedOnce.current) void revalidator.revalidate();
      connectedOnce.current = true;
    },
    onMessage: (event) => {
      const msg = JSON.parse(String(event.data)) as LiveCardEvent;
      // During a drag, hold events back and apply them after the drop (versions make late application safe).
      if (snapshot.current) held.current.push(msg);
      else setColumns((c) => applyLive(c, msg));
    },
  });
  const held = useRef<LiveCardEvent[]>([]);
  const releaseHeld = () => {
    const events = held.current.splice(0);
    if (events.length > 0) setColumns((c) => events.reduce(applyLive, c));
  };

  // Removed from the workspace, signed out elsewhere, or refused: stop retrying and say so.
  useEffect(() => guardRoomSocket(socket, (refusal) => setLiveEnded(refusal.message)), [socket]);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    // Enter opens a card, so only Space picks one up.
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const stageOf = (id: string | number | undefined, cols: Columns): Stage | undefined => {
    if (id === undefined) return undefined;
    const text = String(id);
    return text.startsWith("column:") ? (text.slice(7) as Stage) : findCard(cols, text)?.stage;
  };

  function onDragOver({ active, over }: DragOverEvent) {
    setColumns((cols) => {
      const to = stageOf(over?.id, cols);
      const from = stageOf(active.id, cols);
      if (!to || !from || to === from) return cols;
      const overIndex = cols[to].findIndex((c) => c.id === over?.id);
      return moveCard(cols, String(active.id), to, overIndex < 0 ? cols[to].length : overIndex);
    });
  }

  async function saveCard(id: string, patch: object, rollback: Columns | null) {
    const res = await fetch(`/api/pipeline-cards/${id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(patch),
    }).catch(() => undefined);
    if (res?.ok) {
      setError(null);
      const { card } = (await res.json()) as { card: BoardCard };
      setColumns((c) => upsertCard(c, card));
      return;
    }
    if (rollback) setColumns(rollback);
    const body = res ? ((await res.json().catch(() => null)) as { error?: { message?: string } } | null) : null;
    setError(body?.error?.message ?? "The change could not be saved; the card is back where it was.");
  }

  async function onDragEnd({ active, over }: DragEndEvent) {
    lastDragEnd.current = Date.now();
    const before = snapshot.current;
    let moved = columns;
    const to = stageOf(over?.id, columns);
    if (to && over && !String(over.id).startsWith("column:") && over.id !== active.id) {
      moved = moveCard(
        columns,
        String(active.id),
        to,
        columns[to].findIndex((c) => c.id === over.id),
      );
    }
    setColumns(moved);
    snapshot.current = null;
    releaseHeld();
    const place = neighbours(moved, String(active.id));
    const original = before && findCard(before, String(active.id));
    if (!place || !original) return;
    if (original.stage === place.stage && before && neighbours(before, original.id)?.after === place.after) return;
    const position = place.after || place.before ? { after: place.after, before: place.before } : undefined;
    await saveCard(String(active.id), { stage: place.stage, ...(position ? { position } : {}) }, before);
  }

  return (
    <div className="mt-6">
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <label className="flex-1 text-sm text-ink-300">
          <span className="sr-only">Filter cards</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Filter by name, company, role or tag"
            className="w-full max-w-sm rounded-lg border border-ink-700 bg-ink-900 px-3 py-2 text-ink-100 placeholder:text-ink-500"
          />
        </label>
        {liveEnded && (
          <p
            role="status"
            className="rounded-lg border border-amber-900 bg-amber-950/60 px-3 py-2 text-sm text-amber-200"
          >
            Live updates stopped: {liveEnded}
          </p>
        )}
        {error && (
          <p role="alert" className="rounded-lg border border-red-900 bg-red-950/60 px-3 py-2 text-sm text-red-200">
            {error}
          </p>
        )}
      </div>
      <DndContext
        // A fixed id: dnd-kit otherwise numbers its accessibility ids per render, which differ server vs browser.
        id={`board-${pipelineId}`}
        sensors={sensors}
        collisionDetection={boardCollisions}
        onDragStart={() => (snapshot.current = columns)}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          if (snapshot.current) setColumns(snapshot.current);
          snapshot.current = null;
          releaseHeld();
        }}
      >
        <div className="-mx-4 flex gap-3 overflow-x-auto px-4 pb-4 sm:mx-0 sm:grid sm:grid-cols-4 sm:overflow-visible sm:px-0">
          {STAGES.map((stage) => (
            <Column key={stage} stage={stage} cards={columns[stage]} filter={filter} onOpen={openCard} />
          ))}
        </div>
      </DndContext>
      <CardDrawer
        card={openId ? (findCard(columns, openId) ?? null) : null}
        onClose={() => setOpenId(null)}
        onStatus={(status) => openId && void saveCard(openId, { status }, null)}
      />
    </div>
  );
}
