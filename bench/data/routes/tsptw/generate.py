# Dumas-style TSPTW generator (see README): integer points in a 50x50 square, truncated Euclidean travel,
# windows of width <= w around the arrival times of a random reference tour, so a feasible tour is known.
import json, math, random, sys
def gen(n, w, seed):
    rnd = random.Random(seed)
    pts = [(rnd.randint(0, 50), rnd.randint(0, 50)) for _ in range(n + 1)]
    m = [[int(math.hypot(a[0]-b[0], a[1]-b[1])) for b in pts] for a in pts]
    tour = list(range(1, n + 1)); rnd.shuffle(tour); tour = [0] + tour
    t = 0; win = [[0, 0]] * (n + 1)
    for k in range(1, n + 1):
        t += m[tour[k-1]][tour[k]]
        lo = max(0, t - rnd.randint(0, w // 2)); hi = t + rnd.randint(0, w // 2)
        win[tour[k]] = [lo, hi]
    back = t + m[tour[-1]][0]
    cost = sum(m[tour[k]][tour[(k+1) % (n+1)]] for k in range(n + 1))
    win[0] = [0, back + 100]
    return {"name": f"n{n}w{w}.gen{seed}", "matrix": m, "windows": win, "service": [0] * (n + 1), "start": 0,
            "returnToStart": True, "reference": {"tour": tour, "cost": cost, "note": "the random tour the windows were built around"}}
for n, w, seed in [(20,20,1),(20,60,2),(30,40,3),(30,100,4),(40,20,5),(40,60,6),(50,40,7),(50,100,8)]:
    inst = gen(n, w, seed)
    json.dump(inst, open(inst["name"] + ".json", "w"), separators=(",", ":"))
